package themes_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// vnuJar finds the Nu HTML checker: $VNU_JAR, or the copy .ci/run installs
// with npm into .cache/ (git-ignored).
func vnuJar() string {
	if p := os.Getenv("VNU_JAR"); p != "" {
		return p
	}
	p, _ := filepath.Abs(filepath.Join(sampleRoot, ".cache", "npm", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
	return p
}

// missing skips the test when a tool is absent, except on CI, which
// installs it and must not pass without running it.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format+" (skipping; .ci/run installs it)", args...)
}

type vnuMessage struct {
	Type      string `json:"type"`
	SubType   string `json:"subType"`
	URL       string `json:"url"`
	LastLine  int    `json:"lastLine"`
	FirstLine int    `json:"firstLine"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
}

// TestNuHTMLChecker runs the Nu HTML checker over every page of the sample
// site and fails on any error, naming the page and line.
func TestNuHTMLChecker(t *testing.T) {
	java, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java not found: the Nu HTML checker needs a Java runtime")
	}
	jar := vnuJar()
	if _, err := os.Stat(jar); err != nil {
		missing(t, "Nu HTML checker not found at %s (set VNU_JAR or run npm install --prefix .cache/npm vnu-jar)", jar)
	}
	dest := buildSample(t)
	kinds := htmlPages(t, dest)
	var pages []string
	for _, k := range pageKinds {
		pages = append(pages, kinds[k]...)
	}
	sort.Strings(pages)

	args := append([]string{"-jar", jar, "--format", "json"}, pages...)
	cmd := exec.CommandContext(t.Context(), java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	// vnu writes its JSON report to stderr.
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("reading the checker's report: %v (run error: %v)\n%s%s", err, runErr, stdout.String(), stderr.String())
	}
	errors := 0
	for _, m := range report.Messages {
		name := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(dest, name); err == nil {
			name = rel
		}
		switch {
		case m.Type == "error" || m.Type == "non-document-error":
			errors++
			t.Errorf("%s:%d: %s\n\t%s", name, m.LastLine, m.Message, m.Extract)
		case m.SubType == "warning":
			t.Logf("%s:%d: warning: %s", name, m.LastLine, m.Message)
		}
	}
	if runErr != nil && errors == 0 {
		t.Fatalf("checker failed without reporting an error: %v\n%s", runErr, stdout.String())
	}
	t.Logf("checked %d pages of %d kinds", len(pages), len(pageKinds))
}
