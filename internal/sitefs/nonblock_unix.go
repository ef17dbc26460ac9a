//go:build unix

package sitefs

import "syscall"

// nonblock makes an open of a named pipe return at once instead of waiting
// for a writer; it changes nothing for a regular file or a folder.
const nonblock = syscall.O_NONBLOCK
