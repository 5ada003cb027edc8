// Command loadgen drives grpc.testing.TestService on any server with the same
// client, so that results for different servers are comparable.
//
// Modes:
//
//	unary   closed-loop UnaryCall from -concurrency callers over -conns connections; with -method and
//	        -request-file, the same closed loop on any unary method with a request serialized beforehand
//	stream  StreamingOutputCall asking for -stream-msgs messages of -stream-msg-size bytes, repeated
//	upload  StreamingInputCall sending -upload-mb MiB in -chunk byte payloads, checking aggregated_payload_size
//
// Human-readable results go to stderr, one JSON object per run to stdout.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type options struct {
	addr        string
	label       string
	mode        string
	conns       int
	concurrency int
	warmup      time.Duration
	duration    time.Duration
	reqSize     int
	respSize    int
	streams     int
	streamMsgs  int
	streamSize  int
	uploadMiB   int
	chunk       int
	timeout     time.Duration
	serverPID   int
	method      string
	requestFile string
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.addr, "addr", "127.0.0.1:50051", "server address (loopback only)")
	flag.StringVar(&o.label, "label", "", "server name recorded in the JSON output")
	flag.StringVar(&o.mode, "mode", "unary", "unary | stream | upload")
	flag.IntVar(&o.conns, "conns", 1, "HTTP/2 connections; callers are spread over them round-robin")
	flag.IntVar(&o.concurrency, "concurrency", 16, "unary: concurrent closed-loop callers")
	flag.DurationVar(&o.warmup, "warmup", 3*time.Second, "unary/stream: warm-up before measuring")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "unary/stream: measured duration")
	flag.IntVar(&o.reqSize, "req-size", 32, "unary: request payload bytes")
	flag.IntVar(&o.respSize, "resp-size", 64, "unary: response_size asked for")
	flag.IntVar(&o.streams, "streams", 1, "stream: concurrent StreamingOutputCall streams")
	flag.IntVar(&o.streamMsgs, "stream-msgs", 100000, "stream: messages asked for per call")
	flag.IntVar(&o.streamSize, "stream-msg-size", 16, "stream: payload bytes per message")
	flag.IntVar(&o.uploadMiB, "upload-mb", 100, "upload: MiB sent in one call")
	flag.IntVar(&o.chunk, "chunk", 64*1024, "upload: payload bytes per message")
	flag.DurationVar(&o.timeout, "timeout", 120*time.Second, "upload: deadline of the call; others: grace after the measured window")
	flag.IntVar(&o.serverPID, "server-pid", 0, "if set, report the CPU time this process used during the measured window")
	flag.StringVar(&o.method, "method", "", "unary: full method name (/package.Service/Method) to call instead of UnaryCall; needs -request-file")
	flag.StringVar(&o.requestFile, "request-file", "", "unary with -method: the serialized request message to send on every call")
	flag.Parse()
	return o
}

func main() {
	o := parseFlags()
	if err := checkLoopback(o.addr); err != nil {
		fatalf("%v", err)
	}
	if o.conns < 1 || o.concurrency < 1 || o.streams < 1 || o.chunk < 1 {
		fatalf("-conns, -concurrency, -streams and -chunk must be positive")
	}

	conns := make([]*grpc.ClientConn, o.conns)
	for i := range conns {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		cc, err := grpc.DialContext(ctx, o.addr, grpc.WithInsecure(), grpc.WithBlock(),
			grpc.WithDefaultCallOptions(grpc.ForceCodec(rawCodec{})))
		cancel()
		if err != nil {
			fatalf("connect %s: %v", o.addr, err)
		}
		defer cc.Close()
		conns[i] = cc
	}

	var res result
	var err error
	switch o.mode {
	case "unary":
		res, err = runUnary(o, conns)
	case "stream":
		res, err = runStream(o, conns)
	case "upload":
		res, err = runUpload(o, conns[0])
	default:
		err = fmt.Errorf("unknown -mode %q", o.mode)
	}
	if err != nil {
		fatalf("%s: %v", o.mode, err)
	}
	res["server"] = o.label
	res["mode"] = o.mode
	res["addr"] = o.addr

	printHuman(res)
	line, _ := json.Marshal(res)
	fmt.Println(string(line))
	if ok, present := res["aggregated_ok"].(bool); present && !ok {
		fatalf("the server's aggregated_payload_size does not match the bytes sent")
	}
}

// result is one run's figures, in the order they are printed.
type result map[string]interface{}

func printHuman(r result) {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s on %s:", r["server"], r["mode"], r["addr"])
	for _, k := range []string{
		"conns", "concurrency", "streams", "duration_s", "calls", "errors", "calls_per_s",
		"p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms",
		"messages", "msgs_per_s", "payload_mib_per_s",
		"bytes", "seconds", "mib_per_s", "aggregated_payload_size", "aggregated_ok",
		"server_cpu_pct", "client_cpu_pct", "other_cpu_pct",
	} {
		switch v := r[k].(type) {
		case nil:
		case float64:
			fmt.Fprintf(&b, " %s=%s", k, strconv.FormatFloat(v, 'f', -1, 64))
		default:
			fmt.Fprintf(&b, " %s=%v", k, v)
		}
	}
	fmt.Fprintln(os.Stderr, b.String())
}

func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("bad -addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-addr %q is not a loopback address; this tool only targets the local machine", addr)
}

// isEndOfWindow reports whether err is the cancellation loadgen itself caused
// when the measured window closed.
func isEndOfWindow(ctx context.Context, err error) bool {
	if ctx.Err() == nil {
		return false
	}
	return errors.Is(err, context.Canceled) || errors.Is(err, io.EOF) || status.Code(err) == codes.Canceled
}

func round(v float64, digits int) float64 {
	p := 1.0
	for i := 0; i < digits; i++ {
		p *= 10
	}
	if v < 0 {
		return float64(int64(v*p-0.5)) / p
	}
	return float64(int64(v*p+0.5)) / p
}

func fatalf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "loadgen: "+format+"\n", args...)
	os.Exit(1)
}
