package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/golang/protobuf/proto"
	"google.golang.org/grpc"

	pb "mlopsbench/testpb"
)

const streamingInputMethod = "/grpc.testing.TestService/StreamingInputCall"

var streamingInputDesc = &grpc.StreamDesc{StreamName: "StreamingInputCall", ClientStreams: true}

func chunkRequest(size int) *frame {
	return &frame{mustMarshal(&pb.StreamingInputCallRequest{Payload: &pb.Payload{Body: make([]byte, size)}})}
}

func runUpload(o options, cc *grpc.ClientConn) (result, error) {
	total := int64(o.uploadMiB) << 20
	if total > 1<<31-1 {
		return nil, fmt.Errorf("-upload-mb %d does not fit aggregated_payload_size (int32)", o.uploadMiB)
	}
	// A small upload first, so one-time costs (JIT, first allocations) are not timed.
	warm := 4 * int64(o.chunk)
	if got, err := upload(cc, o.chunk, warm, 10*time.Second); err != nil || int64(got) != warm {
		return nil, fmt.Errorf("warm-up upload: aggregated %d of %d bytes, error %v", got, warm, err)
	}

	var cpu cpuMeter
	cpu.begin(o.serverPID)
	t0 := time.Now()
	aggregated, err := upload(cc, o.chunk, total, o.timeout)
	elapsed := time.Since(t0).Seconds()
	if err != nil {
		return nil, err
	}
	res := result{}
	cpu.end(res, elapsed)
	res["chunk"] = o.chunk
	res["bytes"] = total
	res["seconds"] = round(elapsed, 3)
	res["mib_per_s"] = round(float64(total)/elapsed/(1<<20), 1)
	res["aggregated_payload_size"] = aggregated
	res["aggregated_ok"] = int64(aggregated) == total
	return res, nil
}

// upload sends total payload bytes in chunk-sized messages in one
// StreamingInputCall and returns the size the server says it received.
func upload(cc *grpc.ClientConn, chunk int, total int64, timeout time.Duration) (int32, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	s, err := cc.NewStream(ctx, streamingInputDesc, streamingInputMethod)
	if err != nil {
		return 0, err
	}
	full := chunkRequest(chunk)
	sent := int64(0)
	for sent < total && err == nil {
		msg := full
		if rest := total - sent; rest < int64(chunk) {
			msg = chunkRequest(int(rest))
		}
		err = s.SendMsg(msg)
		sent += int64(chunk)
	}
	// io.EOF from SendMsg means the server ended the call; RecvMsg has the status.
	if err != nil && err != io.EOF {
		return 0, err
	}
	if err = s.CloseSend(); err != nil {
		return 0, err
	}
	var reply frame
	if err := s.RecvMsg(&reply); err != nil {
		return 0, err
	}
	var resp pb.StreamingInputCallResponse
	if err := proto.Unmarshal(reply.b, &resp); err != nil {
		return 0, fmt.Errorf("bad StreamingInputCallResponse: %v", err)
	}
	return resp.AggregatedPayloadSize, nil
}
