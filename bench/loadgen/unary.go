package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/golang/protobuf/proto"
	"google.golang.org/grpc"

	pb "mlopsbench/testpb"
)

const unaryMethod = "/grpc.testing.TestService/UnaryCall"

type caller struct {
	latencies []int64 // nanoseconds, calls started and finished inside the window
	errors    int
	firstErr  error
}

func runUnary(o options, conns []*grpc.ClientConn) (result, error) {
	method, req, err := unaryRequest(o)
	if err != nil {
		return nil, err
	}
	if o.method == "" {
		err = checkUnary(conns[0], req, o.respSize)
	} else {
		err = checkAnswers(conns[0], method, req)
	}
	if err != nil {
		return nil, err
	}

	measureStart := time.Now().Add(o.warmup)
	measureEnd := measureStart.Add(o.duration)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watchdog := time.AfterFunc(time.Until(measureEnd.Add(o.timeout)), cancel)
	defer watchdog.Stop()

	callers := make([]caller, o.concurrency)
	expected := int(float64(o.duration) / float64(time.Second) * 50000 / float64(o.concurrency))
	var wg sync.WaitGroup
	for i := range callers {
		c := &callers[i]
		c.latencies = make([]int64, 0, expected)
		cc := conns[i%len(conns)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			var reply frame
			for ctx.Err() == nil {
				t0 := time.Now()
				if !t0.Before(measureEnd) {
					return
				}
				err := cc.Invoke(ctx, method, req, &reply)
				t1 := time.Now()
				inWindow := !t0.Before(measureStart) && !t1.After(measureEnd)
				if err != nil {
					if inWindow && !isEndOfWindow(ctx, err) {
						c.errors++
						if c.firstErr == nil {
							c.firstErr = err
						}
					}
					// Avoid spinning on a server that refuses every call.
					time.Sleep(time.Millisecond)
					continue
				}
				if inWindow {
					c.latencies = append(c.latencies, t1.Sub(t0).Nanoseconds())
				}
			}
		}()
	}

	var cpu cpuMeter
	time.Sleep(time.Until(measureStart))
	cpu.begin(o.serverPID)
	time.Sleep(time.Until(measureEnd))
	res := result{}
	cpu.end(res, o.duration.Seconds())
	wg.Wait()

	var all []int64
	errs := 0
	var firstErr error
	for i := range callers {
		all = append(all, callers[i].latencies...)
		errs += callers[i].errors
		if firstErr == nil {
			firstErr = callers[i].firstErr
		}
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("no call completed in the measured window (%d errors, first: %v)", errs, firstErr)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	ms := func(q float64) float64 { return round(float64(percentile(all, q))/1e6, 3) }

	res["conns"] = o.conns
	res["concurrency"] = o.concurrency
	res["req_size"] = o.reqSize
	res["resp_size"] = o.respSize
	res["duration_s"] = o.duration.Seconds()
	res["calls"] = len(all)
	res["errors"] = errs
	res["calls_per_s"] = round(float64(len(all))/o.duration.Seconds(), 1)
	res["p50_ms"] = ms(0.50)
	res["p90_ms"] = ms(0.90)
	res["p99_ms"] = ms(0.99)
	res["p999_ms"] = ms(0.999)
	res["max_ms"] = round(float64(all[len(all)-1])/1e6, 3)
	if firstErr != nil {
		res["first_error"] = firstErr.Error()
	}
	return res, nil
}

// unaryRequest is the method and the request every caller sends: UnaryCall with the payload asked for, or the
// message in -request-file for -method.
func unaryRequest(o options) (string, *frame, error) {
	if o.method == "" {
		return unaryMethod, &frame{mustMarshal(&pb.SimpleRequest{
			ResponseType: pb.PayloadType_COMPRESSABLE,
			ResponseSize: int32(o.respSize),
			Payload:      &pb.Payload{Body: make([]byte, o.reqSize)},
		})}, nil
	}
	if o.requestFile == "" {
		return "", nil, fmt.Errorf("-method needs -request-file")
	}
	b, err := os.ReadFile(o.requestFile)
	if err != nil {
		return "", nil, err
	}
	return o.method, &frame{b}, nil
}

// checkAnswers makes one call of another service's method and checks it succeeds with a non-empty answer.
func checkAnswers(cc *grpc.ClientConn, method string, req *frame) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var reply frame
	if err := cc.Invoke(ctx, method, req, &reply); err != nil {
		return fmt.Errorf("first call of %s: %v", method, err)
	}
	if len(reply.b) == 0 {
		return fmt.Errorf("first call of %s: empty answer", method)
	}
	return nil
}

// checkUnary makes one call and checks the server answers with the payload asked for.
func checkUnary(cc *grpc.ClientConn, req *frame, respSize int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var reply frame
	if err := cc.Invoke(ctx, unaryMethod, req, &reply); err != nil {
		return fmt.Errorf("first call: %v", err)
	}
	var resp pb.SimpleResponse
	if err := proto.Unmarshal(reply.b, &resp); err != nil {
		return fmt.Errorf("first call: bad SimpleResponse: %v", err)
	}
	if n := len(resp.GetPayload().GetBody()); n != respSize {
		return fmt.Errorf("first call: payload of %d bytes, asked for %d", n, respSize)
	}
	return nil
}

// percentile returns the nearest-rank q-quantile of sorted values.
func percentile(sorted []int64, q float64) int64 {
	rank := int(q*float64(len(sorted))+0.999999999) - 1
	if rank < 0 {
		rank = 0
	}
	if rank >= len(sorted) {
		rank = len(sorted) - 1
	}
	return sorted[rank]
}
