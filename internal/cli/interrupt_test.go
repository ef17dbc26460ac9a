//go:build unix

package cli

import (
	"context"
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
