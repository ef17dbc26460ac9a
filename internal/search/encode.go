package search

import (
	"encoding/binary"
	"fmt"
)

// Key flags in a shard (see the package doc).
const (
	flagPostings = 1 << iota
	flagOwnFile
	flagAlias
	flagPositions
)

// encoded is the index cut into files.
type encoded struct {
	files  []File
	firsts []string // the first key of each shard; the first is ""
}

// encode writes every key into shards, cutting a shard once it holds
// shardBytes, and long posting lists into files of their own.
func encode(terms map[string]*list, words map[string]string, posMax int) *encoded {
	e := &encoded{}
	var shard, pos []byte
	var prev string
	n, own := 0, 0
	flush := func() {
		if n == 0 {
			return
		}
		i := len(e.firsts) - 1
		data := binary.AppendUvarint(nil, uint64(n))
		e.files = append(e.files, File{fmt.Sprintf("t/%d.bin", i), append(data, shard...)})
		if len(pos) > 0 {
			e.files = append(e.files, File{fmt.Sprintf("t/%d.pos", i), pos})
		}
		shard, pos, n = nil, nil, 0
	}
	for _, key := range sortedKeys(terms, words) {
		if n == 0 {
			first := key
			if len(e.firsts) == 0 {
				first = ""
			}
			e.firsts = append(e.firsts, first)
			prev = ""
		}
		shared := 0
		for shared < len(key) && shared < len(prev) && key[shared] == prev[shared] {
			shared++
		}
		shard = binary.AppendUvarint(shard, uint64(shared))
		shard = binary.AppendUvarint(shard, uint64(len(key)-shared))
		shard = append(shard, key[shared:]...)
		prev = key
		l := terms[key]
		alias, isWord := words[key]
		var flags uint64
		if isWord && alias != key {
			flags |= flagAlias
		}
		keepPos := l != nil && l.df <= posMax && key[0] != '#'
		if l != nil {
			flags |= flagPostings
			if len(l.post) > ownFile {
				flags |= flagOwnFile
			}
			if keepPos {
				flags |= flagPositions
			}
		}
		shard = binary.AppendUvarint(shard, flags)
		if flags&flagAlias != 0 {
			shard = binary.AppendUvarint(shard, uint64(len(alias)))
			shard = append(shard, alias...)
		}
		if l != nil {
			shard = binary.AppendUvarint(shard, uint64(l.df))
			if flags&flagOwnFile != 0 {
				shard = binary.AppendUvarint(shard, uint64(own))
				e.files = append(e.files, File{fmt.Sprintf("p/%d.bin", own), l.post})
				if keepPos {
					e.files = append(e.files, File{fmt.Sprintf("p/%d.pos", own), l.pos})
				}
				own++
			} else {
				shard = binary.AppendUvarint(shard, uint64(len(l.post)))
				shard = append(shard, l.post...)
				if keepPos {
					shard = binary.AppendUvarint(shard, uint64(len(pos)))
					shard = binary.AppendUvarint(shard, uint64(len(l.pos)))
					pos = append(pos, l.pos...)
				}
			}
		}
		n++
		if len(shard) >= shardBytes {
			flush()
		}
	}
	flush()
	if len(e.firsts) == 0 {
		e.firsts = []string{""}
		e.files = append(e.files, File{"t/0.bin", []byte{0}})
	}
	return e
}
