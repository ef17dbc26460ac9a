package sitefs

import (
	"io/fs"
	"path/filepath"
	"runtime"
	"strconv"

	"golang.org/x/sys/unix"
)

const openFlags = unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK | unix.O_NOCTTY

// openDir opens the site's folder for openat2, and closes it once s is
// garbage; -1 when it cannot be opened.
func openDir(s *FS) {
	s.dirfd = -1
	fd, err := unix.Open(s.dir, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_DIRECTORY, 0)
	if err != nil {
		return
	}
	s.dirfd = fd
	runtime.AddCleanup(s, func(fd int) { unix.Close(fd) }, fd)
}

// readIn reads the file name of the site. A path without links, which is
// nearly every path, is opened with openat2 refusing links, and needs no
// check of where it leads; one with links is opened again and checked.
func (s *FS) readIn(name, full string) ([]byte, error) {
	if s.dirfd >= 0 {
		how := &unix.OpenHow{Flags: openFlags, Resolve: unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_BENEATH}
		fd, err := unix.Openat2(s.dirfd, filepath.FromSlash(name), how)
		runtime.KeepAlive(s)
		if err == nil {
			return readOpen(fd, full, nil)
		}
		if err != unix.ELOOP && err != unix.ENOSYS && err != unix.EXDEV && err != unix.EPERM && err != unix.EAGAIN {
			return nil, &fs.PathError{Op: "open", Path: full, Err: err}
		}
	}
	return readFile(full, s.inside)
}

// readFile is os.ReadFile in few system calls (open, fstat, readlink, read
// to the end, close) where os.File adds an fstat and an fcntl of its own
// and a finalizer: ten thousand articles are read per build. It reads only
// a regular file, whose real path inside accepts. The open does not block,
// so that a named pipe is refused at the fstat rather than waited on.
func readFile(name string, inside func(real string) bool) ([]byte, error) {
	fd, err := unix.Open(name, openFlags, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return readOpen(fd, name, inside)
}

// readOpen reads the open file fd, a regular file whose real path inside
// accepts (any, when inside is nil), and closes it.
func readOpen(fd int, name string, inside func(real string) bool) ([]byte, error) {
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if inside != nil && !inside(realPath(fd, name)) {
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
	var buf [unix.PathMax]byte
	if n, err := unix.Readlink("/proc/self/fd/"+strconv.Itoa(fd), buf[:]); err == nil {
		return string(buf[:n])
	}
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return ""
	}
	abs, _ := filepath.Abs(real)
	return abs
}
