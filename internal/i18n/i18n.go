// Package i18n holds the words the program and its templates print about
// counts and dates. Today it knows English; it is where translations go.
package i18n

import "strconv"

// Plural is a count with the noun that fits it: Plural(1, "story",
// "stories") is "1 story", Plural(3, …) "3 stories".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
