package serve

import "testing"

func TestBindAddress(t *testing.T) {
	tests := []struct {
		bind     string
		loopback bool
		url      string
	}{
		{"127.0.0.1", true, "http://127.0.0.1:1313/"},
		{"localhost", true, "http://localhost:1313/"},
		{"::1", true, "http://[::1]:1313/"},
		{"0.0.0.0", false, "http://localhost:1313/"},
		{"::", false, "http://localhost:1313/"},
		{"192.168.1.20", false, "http://192.168.1.20:1313/"},
	}
	for _, tt := range tests {
		if got := IsLoopback(tt.bind); got != tt.loopback {
			t.Errorf("IsLoopback(%q) = %v, want %v", tt.bind, got, tt.loopback)
		}
		if got := siteURL(tt.bind, 1313); got != tt.url {
			t.Errorf("siteURL(%q) = %q, want %q", tt.bind, got, tt.url)
		}
	}
}
