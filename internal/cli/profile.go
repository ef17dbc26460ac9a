package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
)

// startProfiles starts a CPU profile when cpu names a file; the function it
// returns stops it and writes a heap profile when mem names a file. Both
// are for measuring the build with `go tool pprof`.
func startProfiles(cpu, mem string) (stop func() error, err error) {
	var cpuFile *os.File
	if cpu != "" {
		if cpuFile, err = os.Create(cpu); err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(cpuFile); err != nil {
			cpuFile.Close()
			return nil, err
		}
	}
	return func() error {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			if err := cpuFile.Close(); err != nil {
				return err
			}
		}
		if mem == "" {
			return nil
		}
		f, err := os.Create(mem)
		if err != nil {
			return err
		}
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}, nil
}

// defaultMemoryLimit is the soft heap limit a build runs with unless the
// GOMEMLIMIT environment variable sets another. A large site's heap is
// mostly garbage between collections; near the limit the collector runs
// more often instead of letting the heap double, which keeps a
// 100,000-article build under 2 GiB. Below it nothing changes.
const defaultMemoryLimit = 1536 << 20

// defaultGCPercent lets the heap grow to three times what is live before a
// collection, unless GOGC sets another. A 10,000-article build then
// collects half as often (about a tenth less CPU) for some 80 MiB more;
// large sites reach the memory limit first, which then decides.
const defaultGCPercent = 200

func setGCDefaults() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
}
