package build_test

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestKillDuringPublish SIGKILLs the real binary at random moments of a
// build and checks that the destination is always, byte for byte, either the
// site it held before or the new one: never a mix, never missing. Killed
// builds leave staging folders beside it; the next build removes them.
func TestKillDuringPublish(t *testing.T) {
	if testing.Short() {
		t.Skip("kill test, builds a site of thousands of articles many times: slow; runs in the full suite")
	}
	bin := buildBinary(t)
	root := t.TempDir()
	sites := map[string]string{"A": filepath.Join(root, "siteA"), "B": filepath.Join(root, "siteB")}
	writeCorpus(t, sites["A"], 1200, "A")
	writeCorpus(t, sites["B"], 1300, "B")

	// Reference builds, each into a folder of its own.
	refs := map[string]map[string]string{}
	// The kills are spread over the slowest of three builds and a quarter
	// more, so that some land in the commit and in the cleanup after it.
	var took time.Duration
	timed := func(site, dest string) {
		start := time.Now()
		runBuild(t, bin, site, dest)
		took = max(took, time.Since(start))
	}
	for name, site := range sites {
		dest := filepath.Join(root, "ref"+name, "public")
		timed(site, dest)
		refs[name] = hashTree(t, dest)
	}
	if cmp.Equal(refs["A"], refs["B"]) {
		t.Fatal("the two reference sites are the same")
	}

	dest := filepath.Join(root, "out", "public")
	timed(sites["A"], dest)
	current := "A"
	rng := rand.New(rand.NewPCG(5, 27))
	killed, published := 0, 0
	for i := range 20 {
		next := map[string]string{"A": "B", "B": "A"}[current]
		cmd := exec.Command(bin, "build", "-q", "-s", sites[next], "-d", dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// A third of the kills at any moment; a third once every page is
		// staged, around the commit; a third once the new site is in place,
		// while the old one is being removed.
		switch i % 3 {
		case 0:
			time.Sleep(time.Duration(rng.Int64N(int64(took) * 5 / 4)))
		case 1:
			waitFor(func() bool {
				staged, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".newsdigest-staging-*", "sitemap.xml"))
				return len(staged) > 0
			})
			time.Sleep(time.Duration(rng.Int64N(int64(20 * time.Millisecond))))
		case 2:
			before, _ := os.Stat(dest)
			waitFor(func() bool {
				now, err := os.Stat(dest)
				return err == nil && !os.SameFile(before, now)
			})
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed++
		}

		got := hashTree(t, dest)
		switch {
		case cmp.Equal(got, refs[current]):
		case cmp.Equal(got, refs[next]):
			current = next
			published++
		default:
			t.Fatalf("kill %d: destination is neither site %s nor %s: %s", i, current, next, mixReport(got, refs))
		}
	}
	t.Logf("%d of 20 builds killed, %d published (a build takes %v)", killed, published, took)

	// One whole build cleans what the killed ones left.
	runBuild(t, bin, sites["B"], dest)
	if got := hashTree(t, dest); !cmp.Equal(got, refs["B"]) {
		t.Fatalf("after a whole build: %s", mixReport(got, refs))
	}
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the destination after a whole build: %v, want only public", names)
	}
}

// waitFor polls cond until it holds, for at most a minute.
func waitFor(cond func() bool) {
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline) && !cond(); {
		time.Sleep(time.Millisecond)
	}
}

// buildBinary compiles newsdigest into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "newsdigest")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/newsdigest/newsdigest/cmd/newsdigest").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func runBuild(t *testing.T, bin, site, dest string) {
	t.Helper()
	out, err := exec.Command(bin, "build", "-q", "-s", site, "-d", dest).CombinedOutput()
	if err != nil {
		t.Fatalf("build %s: %v\n%s", site, err, out)
	}
}

// writeCorpus writes n short articles over five topics and sixty days,
// their titles marked with tag so that two corpora differ on every page.
func writeCorpus(t *testing.T, site string, n int, tag string) {
	t.Helper()
	topics := []string{"world", "business", "science", "sport", "culture"}
	for i := range n {
		dir := filepath.Join(site, "content", topics[i%len(topics)])
		if i < len(topics) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		day := time.Date(2025, 1, 1, 6, 0, 0, 0, time.UTC).Add(time.Duration(i%60)*24*time.Hour + time.Duration(i)*time.Minute)
		body := fmt.Sprintf("---\ntitle: \"Story %d, version %s\"\ndate: %s\ntags: [t%d]\n---\nParagraph one of story %d.\n\nParagraph two.\n",
			i, tag, day.Format(time.RFC3339), i%40, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("story-%04d.md", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hashTree maps every file under root to its SHA-256; a missing root is an
// empty map.
func hashTree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

// mixReport says how a tree differs from each reference.
func mixReport(got map[string]string, refs map[string]map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d files", len(got))
	for name, ref := range refs {
		same := 0
		for p, h := range got {
			if ref[p] == h {
				same++
			}
		}
		fmt.Fprintf(&b, "; %d of %d as in site %s", same, len(ref), name)
	}
	return b.String()
}
