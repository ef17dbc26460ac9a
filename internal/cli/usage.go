package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// markUsageErrors makes a wrong command or a wrong number of arguments a
// usage error (status 2), as a wrong flag already is. Cobra reports these
// as plain errors, which would otherwise exit 1 like a failed build.
func markUsageErrors(root *cobra.Command) {
	// With a Run of its own, the root receives an unknown command as an
	// argument instead of failing inside cobra's lookup.
	root.Args = cobra.ArbitraryArgs
	root.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("%w: unknown command %q (see %s --help)", errUsage, args[0], cmd.CommandPath())
		}
		return cmd.Help()
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if check := c.Args; check != nil {
			c.Args = func(cmd *cobra.Command, args []string) error {
				if err := check(cmd, args); err != nil {
					return fmt.Errorf("%w: %v (see %s --help)", errUsage, err, cmd.CommandPath())
				}
				return nil
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	for _, sub := range root.Commands() {
		walk(sub)
	}
}
