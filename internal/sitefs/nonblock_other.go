//go:build !unix

package sitefs

const nonblock = 0
