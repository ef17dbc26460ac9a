package feed

import "testing"

func TestXMLChars(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text, é, 日本, 🎉", "plain text, é, 日本, 🎉"},
		{"tab\tline\nreturn\r", "tab\tline\nreturn\r"},
		{"a\x00b\x08c\x0bd\x0ce\x1bf\x1fg", "abcdefg"},
		{"del\x7f and C1\u0085 stay", "del\x7f and C1\u0085 stay"},
		{"edge\ud7ff\ue000\ufffd\U00010000\U0010ffff", "edge\ud7ff\ue000\ufffd\U00010000\U0010ffff"},
		{"non\ufffechar\uffffs", "nonchars"},
		{"surrogate \xed\xa0\x80 and stray \xff byte", "surrogate  and stray  byte"},
	}
	for _, tt := range tests {
		if got := xmlChars(tt.in); got != tt.want {
			t.Errorf("xmlChars(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
