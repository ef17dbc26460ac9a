package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
)

// watchedDirs are the site folders whose changes trigger a rebuild; the
// config file is watched through the site root.
var watchedDirs = []string{"content", "templates", "themes", "static"}

// batch is the set of changes seen in one burst of events.
type batch struct {
	paths  map[string]bool // site-relative, slash-separated
	config bool            // the config file changed
	all    bool            // events were lost: assume anything changed
}

func (b *batch) add(rel string) {
	if b.paths == nil {
		b.paths = map[string]bool{}
	}
	b.paths[rel] = true
	if rel == config.File {
		b.config = true
	}
}

func (b *batch) merge(o *batch) {
	for p := range o.paths {
		b.add(p)
	}
	b.all = b.all || o.all
}

// onlyCSS reports whether every change was to a stylesheet, the case where
// pages can swap their stylesheets instead of reloading.
func (b *batch) onlyCSS() bool {
	if b.all || len(b.paths) == 0 {
		return false
	}
	for p := range b.paths {
		if !strings.HasSuffix(p, ".css") {
			return false
		}
	}
	return true
}

// watcher turns fsnotify events under a site into debounced batches. inotify
// watches single folders, so every folder under the watched ones gets its own
// watch, including folders made while serving.
type watcher struct {
	root  string // absolute site root
	fsw   *fsnotify.Watcher
	times debounce
	flush func(*batch)
	warn  func(error)
}

// debounce says when a batch ends: after settle without events while it
// holds a single changed file, after quiet without events once it is a
// burst, and in any case maxWait after its first event.
type debounce struct {
	settle, quiet, maxWait time.Duration
}

func newWatcher(root string, times debounce, flush func(*batch), warn func(error)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, watchError(root, err)
	}
	w := &watcher{root: root, fsw: fsw, times: times, flush: flush, warn: warn}
	if err := w.fsw.Add(root); err != nil {
		fsw.Close()
		return nil, watchError(root, err)
	}
	for _, d := range watchedDirs {
		if err := w.addTree(filepath.Join(root, d), nil); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it. Files found are added to
// b, when given: they may have been written before the watch existed.
func (w *watcher) addTree(dir string, b *batch) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone already, or never made
			}
			return err
		}
		if p != dir && content.Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return watchError(p, err)
			}
		} else if b != nil {
			if rel, ok := w.relevant(p); ok {
				b.add(rel)
			}
		}
		return nil
	})
	return err
}

// relevant returns the site-relative path of p when a change to it matters.
func (w *watcher) relevant(p string) (string, bool) {
	rel, err := filepath.Rel(w.root, p)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == config.File {
		return rel, true
	}
	parts := strings.Split(rel, "/")
	watched := false
	for _, d := range watchedDirs {
		watched = watched || parts[0] == d
	}
	if !watched {
		return "", false
	}
	for _, part := range parts[1:] {
		if content.Ignored(part) {
			return "", false
		}
	}
	return rel, true
}

// run reads events until ctx is done, handing each batch to flush when
// w.times says it ended.
func (w *watcher) run(ctx context.Context) {
	defer w.fsw.Close()
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	maxWait := time.NewTimer(time.Hour)
	maxWait.Stop()
	var pending *batch
	burst := false
	// touch adds rel, if any, to the pending batch; more says the change is one
	// that others are likely to follow. A second path makes a burst too.
	touch := func(rel string, more bool) *batch {
		if pending == nil {
			pending = &batch{}
			maxWait.Reset(w.times.maxWait)
		}
		burst = burst || more || len(pending.paths) > 1 || (len(pending.paths) == 1 && !pending.paths[rel])
		if rel != "" {
			pending.add(rel)
		}
		return pending
	}
	rearm := func() {
		if burst {
			quiet.Reset(w.times.quiet)
		} else {
			quiet.Reset(w.times.settle)
		}
	}
	send := func() {
		quiet.Stop()
		maxWait.Stop()
		if pending != nil {
			w.flush(pending)
			pending = nil
			burst = false
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.event(ev, touch) {
				rearm()
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were dropped: rebuild from what is on disk and
				// make sure every folder is watched.
				b := touch("", true)
				b.all = true
				for _, d := range watchedDirs {
					if err := w.addTree(filepath.Join(w.root, d), b); err != nil {
						w.warn(err)
					}
				}
				rearm()
				continue
			}
			w.warn(fmt.Errorf("watching %s: %w", w.root, err))
		case <-quiet.C:
			send()
		case <-maxWait.C:
			send()
		}
	}
}

// event adds a relevant event to the pending batch and reports whether it
// was one.
func (w *watcher) event(ev fsnotify.Event, touch func(string, bool) *batch) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	rel, ok := w.relevant(ev.Name)
	if !ok {
		return false
	}
	if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
		w.unwatch(ev.Name)
	}
	var dir bool
	if ev.Has(fsnotify.Create) {
		info, err := os.Lstat(ev.Name)
		dir = err == nil && info.IsDir()
	}
	b := touch(rel, dir || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename))
	if dir {
		if err := w.addTree(ev.Name, b); err != nil {
			w.warn(err)
		}
	}
	return true
}

// unwatch drops the watches of a folder that was renamed or removed, and
// of the folders under it. inotify watches a folder itself, not its path:
// after a rename the old watches would go on reporting the folder's
// events under its old name, and adding the new name would not replace
// them. The folder's new name, if any, gets watches of its own when its
// creation is reported.
func (w *watcher) unwatch(p string) {
	prefix := p + string(filepath.Separator)
	for _, watched := range w.fsw.WatchList() {
		if watched == p || strings.HasPrefix(watched, prefix) {
			w.fsw.Remove(watched) // an error means it is gone already
		}
	}
}

// watchError explains the inotify limits, which are per user and small by
// default, and says how to raise them.
func watchError(p string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("watch %s: the system limit on watched folders is reached; raise it with\n"+
			"  sudo sysctl fs.inotify.max_user_watches=524288\n"+
			"and add fs.inotify.max_user_watches=524288 to /etc/sysctl.conf to keep it: %w", p, err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("watch %s: the system limit on file watchers is reached; raise it with\n"+
			"  sudo sysctl fs.inotify.max_user_instances=1024\n"+
			"or stop other programs that watch files: %w", p, err)
	}
	return fmt.Errorf("watch %s: %w", p, err)
}

// under reports whether a change was made under one of the folders, given
// as site-relative prefixes ending in "/".
func (b *batch) under(prefixes ...string) bool {
	for p := range b.paths {
		for _, prefix := range prefixes {
			if strings.HasPrefix(p+"/", prefix) {
				return true
			}
		}
	}
	return false
}
