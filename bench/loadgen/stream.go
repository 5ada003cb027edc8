package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golang/protobuf/proto"
	"google.golang.org/grpc"

	pb "mlopsbench/testpb"
)

const streamingOutputMethod = "/grpc.testing.TestService/StreamingOutputCall"

var streamingOutputDesc = &grpc.StreamDesc{StreamName: "StreamingOutputCall", ServerStreams: true}

// streamer is one StreamingOutputCall loop; padded so that the counters of
// different streams do not share a cache line.
type streamer struct {
	messages int64 // updated atomically
	calls    int64 // updated atomically
	errors   int
	firstErr error
	_        [64]byte
}

func streamRequest(messages, size int) *frame {
	params := make([]*pb.ResponseParameters, messages)
	for i := range params {
		params[i] = &pb.ResponseParameters{Size: int32(size)}
	}
	return &frame{mustMarshal(&pb.StreamingOutputCallRequest{
		ResponseType:       pb.PayloadType_COMPRESSABLE,
		ResponseParameters: params,
	})}
}

func runStream(o options, conns []*grpc.ClientConn) (result, error) {
	if err := checkStream(conns[0], o.streamSize); err != nil {
		return nil, err
	}
	req := streamRequest(o.streamMsgs, o.streamSize)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	streamers := make([]streamer, o.streams)
	var wg sync.WaitGroup
	for i := range streamers {
		s := &streamers[i]
		cc := conns[i%len(conns)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				err := streamOnce(ctx, cc, req, &s.messages)
				switch {
				case err == nil:
					atomic.AddInt64(&s.calls, 1)
				case isEndOfWindow(ctx, err):
					return
				default:
					s.errors++
					if s.firstErr == nil {
						s.firstErr = err
					}
					time.Sleep(time.Millisecond)
				}
			}
		}()
	}

	total := func() (msgs, calls int64) {
		for i := range streamers {
			msgs += atomic.LoadInt64(&streamers[i].messages)
			calls += atomic.LoadInt64(&streamers[i].calls)
		}
		return
	}
	time.Sleep(o.warmup)
	var cpu cpuMeter
	m0, c0 := total()
	t0 := time.Now()
	cpu.begin(o.serverPID)
	time.Sleep(o.duration)
	m1, c1 := total()
	elapsed := time.Since(t0).Seconds()
	res := result{}
	cpu.end(res, elapsed)
	cancel()
	wg.Wait()

	errs := 0
	var firstErr error
	for i := range streamers {
		errs += streamers[i].errors
		if firstErr == nil {
			firstErr = streamers[i].firstErr
		}
	}
	msgs := m1 - m0
	if msgs == 0 {
		return nil, fmt.Errorf("no message received in the measured window (%d errors, first: %v)", errs, firstErr)
	}
	res["conns"] = o.conns
	res["streams"] = o.streams
	res["msgs_per_call"] = o.streamMsgs
	res["msg_size"] = o.streamSize
	res["duration_s"] = round(elapsed, 3)
	res["messages"] = msgs
	res["calls"] = c1 - c0
	res["errors"] = errs
	res["msgs_per_s"] = round(float64(msgs)/elapsed, 1)
	res["payload_mib_per_s"] = round(float64(msgs)*float64(o.streamSize)/elapsed/(1<<20), 2)
	if firstErr != nil {
		res["first_error"] = firstErr.Error()
	}
	return res, nil
}

// streamOnce makes one StreamingOutputCall and counts the messages it receives.
func streamOnce(ctx context.Context, cc *grpc.ClientConn, req *frame, counter *int64) error {
	s, err := cc.NewStream(ctx, streamingOutputDesc, streamingOutputMethod)
	if err != nil {
		return err
	}
	if err := s.SendMsg(req); err != nil && err != io.EOF {
		return err
	}
	if err := s.CloseSend(); err != nil {
		return err
	}
	var msg frame
	for {
		if err := s.RecvMsg(&msg); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		atomic.AddInt64(counter, 1)
	}
}

// checkStream asks for a few messages and checks their count and size.
func checkStream(cc *grpc.ClientConn, size int) error {
	const want = 3
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := cc.NewStream(ctx, streamingOutputDesc, streamingOutputMethod)
	if err == nil {
		err = s.SendMsg(streamRequest(want, size))
	}
	if err == nil {
		err = s.CloseSend()
	}
	if err != nil {
		return fmt.Errorf("first call: %v", err)
	}
	got := 0
	for {
		var msg frame
		err := s.RecvMsg(&msg)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("first call: %v", err)
		}
		var resp pb.StreamingOutputCallResponse
		if err := proto.Unmarshal(msg.b, &resp); err != nil {
			return fmt.Errorf("first call: bad StreamingOutputCallResponse: %v", err)
		}
		if n := len(resp.GetPayload().GetBody()); n != size {
			return fmt.Errorf("first call: payload of %d bytes, asked for %d", n, size)
		}
		got++
	}
	if got != want {
		return fmt.Errorf("first call: %d messages, asked for %d", got, want)
	}
	return nil
}
