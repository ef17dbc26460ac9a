package output

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWriteFiles writes 1,000 page-sized files into a fresh folder,
// with writeNew and with os.WriteFile. Run it with TMPDIR on tmpfs to leave
// the disk out.
func BenchmarkWriteFiles(b *testing.B) {
	data := make([]byte, 10<<10)
	for _, w := range []struct {
		name  string
		write func(string, []byte) error
	}{
		{"writeNew", writeNew},
		{"os.WriteFile", func(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }},
	} {
		b.Run(w.name, func(b *testing.B) {
			for b.Loop() {
				dir := b.TempDir()
				for i := range 1000 {
					if err := w.write(filepath.Join(dir, fmt.Sprint(i)), data); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
