package render

import "testing"

func TestRunsAsPage(t *testing.T) {
	chart := `<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="20"/><text>20&#176;C</text></svg>`
	tests := []struct {
		name, data string
		refused    bool
	}{
		{"photo.jpg", "", false},
		{"data.csv", "a,b", false},
		{"chart.svg", chart, false},
		{"page.html", "<p>hi", true},
		{"PAGE.HTM", "<p>hi", true},
		{"doc.xhtml", "", true},
		{"doc.xml", `<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`, true},
		{"chart.svgz", "", true},
		{"s.svg", `<svg><script>alert(1)</script></svg>`, true},
		{"s.svg", `<svg><SCRIPT>alert(1)</SCRIPT></svg>`, true},
		{"s.svg", `<svg onload="alert(1)"/>`, true},
		{"s.svg", `<svg><a href="&#106;avascript:alert(1)"><text>x</text></a></svg>`, true},
		{"s.svg", `<svg><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>`, true},
		{"s.svg", `<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>`, true},
	}
	for _, tt := range tests {
		err := runsAsPage("content/x/"+tt.name, []byte(tt.data))
		if got := err != nil; got != tt.refused {
			t.Errorf("%s %q: refused %v (%v), want %v", tt.name, tt.data, got, err, tt.refused)
		}
	}
}
