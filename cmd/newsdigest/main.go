// Command newsdigest builds news digest sites. See the README.
package main

import (
	"context"
	"os"
	"syscall"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"github.com/newsdigest/newsdigest/internal/cli"
)

func main() {
	ctx, stop := cli.Interrupts(context.Background(), os.Exit, os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
