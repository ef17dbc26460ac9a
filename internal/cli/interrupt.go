package cli

import (
	"context"
	"os"
	"os/signal"
)

// ExitInterrupted is the exit status after a second interrupt, as a shell
// gives a command killed by SIGINT.
const ExitInterrupted = 130

// Interrupts returns a context that the first of sigs cancels, so that a
// build stops and leaves the previous output; a second calls
// exit(ExitInterrupted) at once, for whatever does not stop. stop ends the
// watch.
func Interrupts(parent context.Context, exit func(int), sigs ...os.Signal) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, sigs...)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			cancel()
		case <-done:
			return
		}
		select {
		case <-ch:
			exit(ExitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
}
