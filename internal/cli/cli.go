// Package cli holds newsdigest's commands. Each command fills an options
// struct from its flags and calls one function; Main maps what that
// function returns to an exit status. Only this package prints or exits.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Version is the program's version, set at link time with
// -ldflags "-X github.com/newsdigest/newsdigest/internal/cli.Version=v1.2.3".
var Version = "dev"

// exitError carries an exit status for an error that was already printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// Main runs the command line args and returns the exit status: 0 on
// success, 1 when the work failed or was partial, 2 for a usage error,
// 130 when ctx was cancelled (an interrupt) and the command stopped.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	markUsageErrors(root)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		// A build stops between steps and publishes nothing, so the
		// previous output is as it was.
		fmt.Fprintln(stderr, "newsdigest: interrupted; nothing was written")
		return ExitInterrupted
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "newsdigest: %v\n", err)
		return 2
	}
	fmt.Fprintf(stderr, "newsdigest: %v\n", err)
	return 1
}

var errUsage = errors.New("usage")

// streams are the command's output streams.
type streams struct {
	out, err io.Writer
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	io := streams{out: stdout, err: stderr}
	root := &cobra.Command{
		Use:           "newsdigest",
		Short:         "Build news digest sites: daily editions, topics and feeds from Markdown articles",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionLine(),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w: %v (see %s --help)", errUsage, err, c.CommandPath())
	})
	root.AddCommand(
		newBuildCmd(io),
		newServeCmd(io),
		newCheckCmd(io),
		newImportCmd(io),
		newFetchCmd(io),
		newVersionCmd(io),
		newNewCmd(io),
		newInitCmd(io),
		newListCmd(io),
		newDeployCmd(io),
	)
	return root
}
