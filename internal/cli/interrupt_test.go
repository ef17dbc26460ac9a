//go:build unix

package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterrupts sends the process a signal twice: the first cancels the
// context and exits nothing, the second exits with status 130.
func TestInterrupts(t *testing.T) {
	exited := make(chan int, 1)
	ctx, stop := Interrupts(context.Background(), func(code int) { exited <- code }, syscall.SIGUSR1)
	defer stop()
	syscall.Kill(syscall.Getpid(), syscall.SIGUSR1)
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the first signal did not cancel the context")
	}
	select {
	case code := <-exited:
		t.Fatalf("exited with %d after one signal", code)
	case <-time.After(50 * time.Millisecond):
	}
	syscall.Kill(syscall.Getpid(), syscall.SIGUSR1)
	select {
	case code := <-exited:
		if code != 130 {
			t.Errorf("exit status %d, want 130", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the second signal did not exit")
	}
}

// TestInterruptedBuild checks what a build stopped by an interrupt says,
// and that it leaves the previous output.
func TestInterruptedBuild(t *testing.T) {
	dir := t.TempDir()
	if code := Main(context.Background(), []string{"init", dir}, io.Discard, io.Discard); code != 0 {
		t.Fatalf("init: status %d", code)
	}
	if code := Main(context.Background(), []string{"build", "--source", dir, "-q"}, io.Discard, io.Discard); code != 0 {
		t.Fatalf("build: status %d", code)
	}
	before, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr strings.Builder
	code := Main(ctx, []string{"build", "--source", dir, "-q"}, io.Discard, &stderr)
	if code != 130 || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("cancelled build: status %d, %q; want 130 and interrupted", code, stderr.String())
	}
	after, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if err != nil || string(after) != string(before) {
		t.Errorf("the previous output changed: %v", err)
	}
}
