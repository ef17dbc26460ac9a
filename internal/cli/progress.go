package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progressBar draws "[=====     ] 512/1024 pages" on one terminal line, at
// most every 100 ms.
type progressBar struct {
	w     io.Writer
	unit  string // what is counted: "pages"
	mu    sync.Mutex
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer) *progressBar { return newProgressBarOf(w, "pages") }

func newProgressBarOf(w io.Writer, unit string) *progressBar {
	return &progressBar{w: w, unit: unit}
}

// Update is safe to call from several goroutines.
func (p *progressBar) Update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if done < total && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	const width = 30
	fill := width * done / max(total, 1)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d %s", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, total, p.unit)
	p.drawn = true
}

// Clear erases the bar.
func (p *progressBar) Clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 60))
	}
}
