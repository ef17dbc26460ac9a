package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progressBar draws "[=====     ] 512/1024 pages" on one terminal line, at
// most every 100 ms. unit names what is counted; default "pages".
type progressBar struct {
	w     io.Writer
	unit  string
	mu    sync.Mutex
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer) *progressBar { return &progressBar{w: w} }

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
	unit := p.unit
	if unit == "" {
		unit = "pages"
	}
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d %s", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, total, unit)
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
