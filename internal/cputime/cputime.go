// Package cputime reads the CPU time the process has used, so that
// benchmarks can report CPU per operation beside wall time. On a machine
// shared with other work, wall time measures the neighbours as much as the
// code; CPU time mostly does not.
package cputime

import (
	"syscall"
	"testing"
	"time"
)

// Process returns the user plus system time of the whole process.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Report adds a "cpu-ms/op" metric to b: the process CPU time since start,
// divided by b.N. Call it after the benchmark loop.
func Report(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(Process()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
