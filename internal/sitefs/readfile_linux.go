package sitefs

import (
	"io/fs"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// readFile is os.ReadFile in few system calls (open, fstat, readlink, read
// to the end, close) where os.File adds an fstat and an fcntl of its own
// and a finalizer: ten thousand articles are read per build. It reads only
// a regular file, whose real path inside accepts. The open does not block,
// so that a named pipe is refused at the fstat rather than waited on.
func readFile(name string, inside func(real string) bool) ([]byte, error) {
	fd, err := unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK|unix.O_NOCTTY, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if !inside(realPath(fd, name)) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrOutside}
	}
	// One byte more than the size, so that the read that finds the end
	// needs no larger buffer.
	data := make([]byte, 0, int(st.Size)+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR || err == unix.EAGAIN {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
	}
}

// realPath is where the open file fd really is: the kernel knows, in one
// call, where resolving the links of name again would take one per part.
func realPath(fd int, name string) string {
	buf := make([]byte, unix.PathMax)
	if n, err := unix.Readlink("/proc/self/fd/"+strconv.Itoa(fd), buf); err == nil {
		return string(buf[:n])
	}
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return ""
	}
	abs, _ := filepath.Abs(real)
	return abs
}
