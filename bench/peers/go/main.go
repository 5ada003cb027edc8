// Command goserver serves grpc.testing.TestService with grpc-go, as a peer
// for the benchmarks in bench/. It implements the calls the load generator
// makes (and EmptyCall/FullDuplexCall); the rest answer UNIMPLEMENTED.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "mlopsbench/testpb"
)

type testService struct {
	pb.UnimplementedTestServiceServer
}

func payload(t pb.PayloadType, size int32) (*pb.Payload, error) {
	if size < 0 {
		return nil, status.Errorf(codes.InvalidArgument, "negative response size %d", size)
	}
	return &pb.Payload{Type: t, Body: make([]byte, size)}, nil
}

func echoStatus(s *pb.EchoStatus) error {
	if s == nil || s.Code == 0 {
		return nil
	}
	return status.Error(codes.Code(s.Code), s.Message)
}

func (testService) EmptyCall(context.Context, *pb.Empty) (*pb.Empty, error) {
	return &pb.Empty{}, nil
}

func (testService) UnaryCall(_ context.Context, req *pb.SimpleRequest) (*pb.SimpleResponse, error) {
	if err := echoStatus(req.ResponseStatus); err != nil {
		return nil, err
	}
	p, err := payload(req.ResponseType, req.ResponseSize)
	if err != nil {
		return nil, err
	}
	return &pb.SimpleResponse{Payload: p}, nil
}

func respond(req *pb.StreamingOutputCallRequest, send func(*pb.StreamingOutputCallResponse) error) error {
	for _, params := range req.ResponseParameters {
		p, err := payload(req.ResponseType, params.Size)
		if err != nil {
			return err
		}
		if err := send(&pb.StreamingOutputCallResponse{Payload: p}); err != nil {
			return err
		}
	}
	return echoStatus(req.ResponseStatus)
}

func (testService) StreamingOutputCall(req *pb.StreamingOutputCallRequest, stream pb.TestService_StreamingOutputCallServer) error {
	return respond(req, stream.Send)
}

func (testService) StreamingInputCall(stream pb.TestService_StreamingInputCallServer) error {
	var total int32
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			return stream.SendAndClose(&pb.StreamingInputCallResponse{AggregatedPayloadSize: total})
		}
		if err != nil {
			return err
		}
		total += int32(len(req.GetPayload().GetBody()))
	}
}

func (testService) FullDuplexCall(stream pb.TestService_FullDuplexCallServer) error {
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := respond(req, stream.Send); err != nil {
			return err
		}
	}
}

func main() {
	port := flag.Int("port", 0, "TCP port on 127.0.0.1 (0 picks a free one)")
	flag.Parse()

	lis, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		fmt.Fprintf(os.Stderr, "goserver: %v\n", err)
		os.Exit(1)
	}
	server := grpc.NewServer(grpc.MaxRecvMsgSize(4 << 20))
	pb.RegisterTestServiceServer(server, &testService{})

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-stop
		server.Stop()
	}()

	fmt.Printf("LISTENING %d\n", lis.Addr().(*net.TCPAddr).Port)
	if err := server.Serve(lis); err != nil {
		fmt.Fprintf(os.Stderr, "goserver: %v\n", err)
		os.Exit(1)
	}
}
