// Command requests writes N JSON Lines requests for the CLI's throughput
// figures (internal/benchdata: seven countries, envelopes for com, es and
// ru, a fifth failing).
//
//	go -C bench run ./cmd/requests -n 1000000 > /tmp/1m.jsonl
//	/usr/bin/time -v contactlint check -format jsonl -j 1 /tmp/1m.jsonl > /dev/null
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/contactlint/contactlint/internal/benchdata"
)

func main() {
	n := flag.Int("n", 1_000_000, "requests to write")
	flag.Parse()
	if err := benchdata.Write(os.Stdout, *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
