package main

import (
	"fmt"

	"github.com/golang/protobuf/proto"
)

// frame carries an already-serialized protobuf message. Requests are encoded
// once up front and responses are only counted, so the load generator spends
// its CPU on gRPC and HTTP/2 rather than on protobuf; the servers still receive
// and parse real grpc.testing messages.
type frame struct{ b []byte }

// rawCodec passes frames through untouched. Its name is "proto" so calls carry
// the plain "application/grpc" content type.
type rawCodec struct{}

func (rawCodec) Marshal(v interface{}) ([]byte, error) {
	f, ok := v.(*frame)
	if !ok {
		return nil, fmt.Errorf("rawCodec: cannot marshal %T", v)
	}
	return f.b, nil
}

func (rawCodec) Unmarshal(data []byte, v interface{}) error {
	f, ok := v.(*frame)
	if !ok {
		return fmt.Errorf("rawCodec: cannot unmarshal into %T", v)
	}
	f.b = data
	return nil
}

func (rawCodec) Name() string { return "proto" }

func mustMarshal(m proto.Message) []byte {
	b, err := proto.Marshal(m)
	if err != nil {
		fatalf("marshal %T: %v", m, err)
	}
	return b
}
