#!/usr/bin/env node
// gRPC interop test client (grpc-js) for the cases of
// grpc/grpc doc/interop-test-descriptions.md, plus the project's own cases
// (message size limits, health, reflection).
//
//   node interop_client.js --server_host=127.0.0.1 --server_port=PORT --test_case=NAME|all
//
// Prints "PASS NAME" and exits 0 when the case passes; prints the failure
// (expected vs actual) on stderr and exits 1 otherwise.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const http2 = require('node:http2');
const util = require('node:util');
const zlib = require('node:zlib');

const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const healthCheck = require('grpc-health-check');
const { GrpcReflection } = require('grpc-js-reflection-client');

const MiB = 1024 * 1024;

// Generous client limits, so that any size limit hit is the server's
// (gRPC's default is 4 MiB for received messages).
const CHANNEL_OPTIONS = Object.freeze({
  'grpc.max_receive_message_length': 16 * MiB,
  'grpc.max_send_message_length': 16 * MiB,
});

// grpc-js compresses every message of a channel with its default algorithm.
const GZIP = 2;

const USAGE = `usage: node interop_client.js --server_port=PORT --test_case=NAME [options]

options:
  --server_host=HOST          server to connect to (default 127.0.0.1)
  --server_port=PORT          server port (required)
  --test_case=NAME            a case below, or "all"
  --use_tls=false             only plaintext is supported
  --proto_dir=DIR             root of the gRPC protos (default $GRPC_PROTO_DIR
                              or /usr/share/grpc-proto)
  --reflection_versions=LIST  reflection API versions to check, comma separated
                              (default v1,v1alpha)
  --case_timeout_s=N          give up on a case after N seconds (default 30)`;

const STATUS_NAMES = Object.fromEntries(
  Object.entries(grpc.status).map(([name, code]) => [code, name]));

// ---------------------------------------------------------------- failures

class CaseFailure extends Error {}

function fmt(value) {
  if (Buffer.isBuffer(value)) {
    return value.length <= 16
      ? `<Buffer ${value.toString('hex')}>`
      : `<Buffer of ${value.length} bytes>`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return util.inspect(value, { depth: 4, breakLength: Infinity, maxArrayLength: 20 });
}

function fmtStatus(code) {
  return `${STATUS_NAMES[code] ?? 'UNKNOWN_CODE'} (${code})`;
}

function fail(what, expected, actual) {
  throw new CaseFailure(`${what}: expected ${expected}, got ${actual}`);
}

function expectEqual(actual, expected, what) {
  if (actual !== expected) fail(what, fmt(expected), fmt(actual));
}

function expectStatus(status, expectedCode, what) {
  if (status.code !== expectedCode) {
    fail(`${what} status`, fmtStatus(expectedCode),
      `${fmtStatus(status.code)} with message ${fmt(status.details)}`);
  }
}

function expectOk(status, what) {
  expectStatus(status, grpc.status.OK, what);
}

// For unary responses: an OK status must come with a message.
function expectResponse({ status, response }, what) {
  expectOk(status, what);
  if (response == null) fail(`${what} response`, 'a message', 'OK status without a message');
  return response;
}

function expectZeroPayload(payload, size, what) {
  if (payload == null) fail(`${what} payload`, `${size} zero bytes`, 'no payload');
  const body = payload.body;
  if (!Buffer.isBuffer(body)) fail(`${what} payload body`, 'bytes', fmt(body));
  expectEqual(body.length, size, `${what} payload body length`);
  const nonZero = body.findIndex((b) => b !== 0);
  if (nonZero !== -1) {
    fail(`${what} payload body`, 'all zero bytes', `byte ${nonZero} = 0x${body[nonZero].toString(16)}`);
  }
  expectEqual(payload.type, 'COMPRESSABLE', `${what} payload type`);
}

// One value, exactly: an echo must not duplicate or drop the entry.
function expectMetadataValue(metadata, key, expected, what) {
  const values = metadata ? metadata.get(key) : [];
  const matches = values.length === 1 && (Buffer.isBuffer(expected)
    ? Buffer.isBuffer(values[0]) && values[0].equals(expected)
    : values[0] === expected);
  if (!matches) fail(`${what} "${key}"`, `[${fmt(expected)}]`, `[${values.map(fmt).join(', ')}]`);
}

function zeros(size) {
  return { body: Buffer.alloc(size) };
}

// ------------------------------------------------------------------- calls

let currentStep = 'starting';

function step(description) {
  currentStep = description;
}

// Resolves with the status the call really ended with: for unary calls
// grpc-js turns an OK status without a response message into a synthetic
// UNIMPLEMENTED error in the callback, while the 'status' event keeps the
// server's real status.
function unary(client, method, request, { metadata = new grpc.Metadata(), options = {} } = {}) {
  return new Promise((resolve) => {
    let response = null;
    let initialMetadata = null;
    const call = client[method](request, metadata, options, (err, value) => {
      if (!err) response = value;
    });
    call.on('metadata', (md) => { initialMetadata = md; });
    call.on('status', (status) => resolve({ status, response, initialMetadata }));
  });
}

// Reads a server-streaming or bidi call message by message. Errors are not
// thrown: the final status is what the cases assert.
class StreamReader {
  constructor(call) {
    this.call = call;
    this.queue = [];
    this.waiters = [];
    this.ended = false;
    this.status = null;
    this.statusWaiters = [];
    this.initialMetadata = null;

    call.on('metadata', (md) => { this.initialMetadata = md; });
    call.on('data', (message) => {
      this.queue.push(message);
      this.wake();
    });
    call.on('error', () => {});
    call.on('end', () => this.end());
    call.on('status', (status) => {
      this.status = status;
      for (const resolve of this.statusWaiters.splice(0)) resolve(status);
      // Buffered messages are delivered on process.nextTick, before this runs.
      setImmediate(() => this.end());
    });
  }

  end() {
    this.ended = true;
    this.wake();
  }

  wake() {
    while (this.waiters.length > 0 && (this.queue.length > 0 || this.ended)) {
      this.waiters.shift()(this.queue.length > 0 ? this.queue.shift() : null);
    }
  }

  // The next message, or null once the stream has ended.
  next() {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.wake();
    });
  }

  finish() {
    if (this.status) return Promise.resolve(this.status);
    return new Promise((resolve) => this.statusWaiters.push(resolve));
  }

  async readAll() {
    const messages = [];
    for (let message = await this.next(); message !== null; message = await this.next()) {
      messages.push(message);
    }
    return { messages, status: await this.finish() };
  }
}

// ----------------------------------------------------------------- context

class Context {
  constructor(args) {
    this.host = args.server_host;
    this.port = args.server_port;
    this.target = `${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
    this.reflectionVersions = args.reflection_versions;
    this.clients = [];

    const protoDir = args.proto_dir;
    const testProto = path.join(protoDir, 'grpc/testing/test.proto');
    if (!fs.existsSync(testProto)) {
      throw new Error(`${testProto} not found: install the grpc-proto package or pass --proto_dir`);
    }
    this.packageDefinition = protoLoader.loadSync('grpc/testing/test.proto', {
      keepCase: true,
      longs: String,
      enums: String,
      defaults: true,
      oneofs: true,
      includeDirs: [protoDir],
    });
    this.testing = grpc.loadPackageDefinition(this.packageDefinition).grpc.testing;
    this.HealthClient = grpc.makeClientConstructor(healthCheck.service, 'grpc.health.v1.Health');
  }

  client(Constructor, extraOptions = {}) {
    const client = new Constructor(this.target, grpc.credentials.createInsecure(),
      { ...CHANNEL_OPTIONS, ...extraOptions });
    this.clients.push(client);
    return client;
  }

  testService(extraOptions) {
    return this.client(this.testing.TestService, extraOptions);
  }

  closeClients() {
    for (const client of this.clients.splice(0)) client.close();
  }
}

// One unary call over a bare HTTP/2 stream, for what grpc-js does not show:
// the compressed flag of the response message.
function rawUnary(ctx, method, request) {
  const def = ctx.packageDefinition['grpc.testing.TestService'][method];
  const message = def.requestSerialize(request);
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt32BE(message.length, 1);
  message.copy(frame, 5);

  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://${ctx.target}`);
    session.on('error', reject);
    const stream = session.request({
      ':method': 'POST',
      ':path': def.path,
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-accept-encoding': 'identity,deflate,gzip',
    });
    let headers = {};
    let trailers = {};
    const chunks = [];
    stream.on('response', (h) => { headers = h; });
    stream.on('trailers', (t) => { trailers = t; });
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('error', (err) => { session.destroy(); reject(err); });
    stream.on('close', () => {
      session.close();
      const body = Buffer.concat(chunks);
      const frames = [];
      for (let offset = 0; offset + 5 <= body.length;) {
        const length = body.readUInt32BE(offset + 1);
        frames.push({ compressed: body[offset], data: body.subarray(offset + 5, offset + 5 + length) });
        offset += 5 + length;
      }
      const grpcStatus = trailers['grpc-status'] ?? headers['grpc-status'];
      resolve({
        code: grpcStatus === undefined ? null : Number(grpcStatus),
        details: trailers['grpc-message'] ?? headers['grpc-message'],
        encoding: headers['grpc-encoding'] ?? 'identity',
        frames,
        deserialize: def.responseDeserialize,
      });
    });
    stream.end(frame);
  });
}

function decompress(data, encoding, what) {
  switch (encoding) {
    case 'gzip': return zlib.gunzipSync(data);
    case 'deflate': return zlib.inflateSync(data);
    default: return fail(`${what} grpc-encoding of a compressed message`, '"gzip" or "deflate"', fmt(encoding));
  }
}

// ------------------------------------------------------------------- cases

const LARGE_REQUEST = () => ({ response_size: 314159, payload: zeros(271828) });
const STREAM_SIZES = [
  { request: 27182, response: 31415 },
  { request: 8, response: 9 },
  { request: 1828, response: 2653 },
  { request: 45904, response: 58979 },
];
const ECHO_INITIAL_KEY = 'x-grpc-test-echo-initial';
const ECHO_INITIAL_VALUE = 'test_initial_metadata_value';
const ECHO_TRAILING_KEY = 'x-grpc-test-echo-trailing-bin';
const ECHO_TRAILING_VALUE = Buffer.from([0xab, 0xab, 0xab]);
const SPECIAL_STATUS_MESSAGE = '\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n';
const TEST_SERVICE_METHODS = {
  EmptyCall: ['grpc.testing.Empty', false, 'grpc.testing.Empty', false],
  UnaryCall: ['grpc.testing.SimpleRequest', false, 'grpc.testing.SimpleResponse', false],
  StreamingOutputCall: ['grpc.testing.StreamingOutputCallRequest', false, 'grpc.testing.StreamingOutputCallResponse', true],
  StreamingInputCall: ['grpc.testing.StreamingInputCallRequest', true, 'grpc.testing.StreamingInputCallResponse', false],
  FullDuplexCall: ['grpc.testing.StreamingOutputCallRequest', true, 'grpc.testing.StreamingOutputCallResponse', true],
  HalfDuplexCall: ['grpc.testing.StreamingOutputCallRequest', true, 'grpc.testing.StreamingOutputCallResponse', true],
  UnimplementedCall: ['grpc.testing.Empty', false, 'grpc.testing.Empty', false],
};

async function expectLargeUnary(client, request, what, options) {
  step(what);
  const response = expectResponse(await unary(client, 'UnaryCall', request, options), what);
  expectZeroPayload(response.payload, request.response_size, `${what} response`);
}

const CASES = {
  async empty_unary(ctx) {
    step('EmptyCall');
    const response = expectResponse(await unary(ctx.testService(), 'EmptyCall', {}), 'EmptyCall');
    expectEqual(Object.keys(response).length, 0, 'EmptyCall response field count');
  },

  async large_unary(ctx) {
    await expectLargeUnary(ctx.testService(), LARGE_REQUEST(), 'UnaryCall');
  },

  async client_streaming(ctx) {
    step('StreamingInputCall');
    const response = expectResponse(await new Promise((resolve) => {
      let value = null;
      const call = ctx.testService().StreamingInputCall((err, v) => { if (!err) value = v; });
      call.on('status', (s) => resolve({ status: s, response: value }));
      for (const { request } of STREAM_SIZES) call.write({ payload: zeros(request) });
      call.end();
    }), 'StreamingInputCall');
    expectEqual(response.aggregated_payload_size, 74922, 'aggregated_payload_size');
  },

  async server_streaming(ctx) {
    step('StreamingOutputCall');
    const call = ctx.testService().StreamingOutputCall({
      response_parameters: STREAM_SIZES.map(({ response }) => ({ size: response })),
    });
    const { messages, status } = await new StreamReader(call).readAll();
    expectOk(status, 'StreamingOutputCall');
    expectEqual(messages.length, STREAM_SIZES.length, 'number of responses');
    messages.forEach((m, i) => expectZeroPayload(m.payload, STREAM_SIZES[i].response, `response ${i + 1}`));
  },

  async ping_pong(ctx) {
    const call = ctx.testService().FullDuplexCall();
    const reader = new StreamReader(call);
    for (const [i, { request, response }] of STREAM_SIZES.entries()) {
      step(`FullDuplexCall: waiting for response ${i + 1} of ${STREAM_SIZES.length}`);
      call.write({ response_parameters: [{ size: response }], payload: zeros(request) });
      const message = await reader.next();
      if (message === null) {
        const status = await reader.finish();
        fail(`response ${i + 1}`, 'a message', `end of stream with ${fmtStatus(status.code)} ${fmt(status.details)}`);
      }
      expectZeroPayload(message.payload, response, `response ${i + 1}`);
    }
    step('FullDuplexCall: waiting for the end of the stream after half-close');
    call.end();
    const { messages, status } = await reader.readAll();
    expectOk(status, 'FullDuplexCall');
    expectEqual(messages.length, 0, 'responses after the fourth');
  },

  async empty_stream(ctx) {
    step('FullDuplexCall with no messages');
    const call = ctx.testService().FullDuplexCall();
    const reader = new StreamReader(call);
    call.end();
    const { messages, status } = await reader.readAll();
    expectOk(status, 'FullDuplexCall');
    expectEqual(messages.length, 0, 'number of responses');
  },

  async custom_metadata(ctx) {
    const client = ctx.testService();
    const metadata = () => {
      const md = new grpc.Metadata();
      md.set(ECHO_INITIAL_KEY, ECHO_INITIAL_VALUE);
      md.set(ECHO_TRAILING_KEY, ECHO_TRAILING_VALUE);
      return md;
    };
    const expectEchoes = (what, initial, trailing) => {
      expectMetadataValue(initial, ECHO_INITIAL_KEY, ECHO_INITIAL_VALUE, `${what} initial metadata`);
      expectMetadataValue(trailing, ECHO_TRAILING_KEY, ECHO_TRAILING_VALUE, `${what} trailing metadata`);
    };

    step('UnaryCall with echo metadata');
    const request = LARGE_REQUEST();
    const u = await unary(client, 'UnaryCall', request, { metadata: metadata() });
    expectZeroPayload(expectResponse(u, 'UnaryCall').payload, request.response_size, 'UnaryCall response');
    expectEchoes('UnaryCall', u.initialMetadata, u.status.metadata);

    step('FullDuplexCall with echo metadata');
    const call = client.FullDuplexCall(metadata());
    const reader = new StreamReader(call);
    call.write({ response_parameters: [{ size: 314159 }], payload: zeros(271828) });
    call.end();
    const { messages, status } = await reader.readAll();
    expectOk(status, 'FullDuplexCall');
    expectEqual(messages.length, 1, 'FullDuplexCall number of responses');
    expectZeroPayload(messages[0].payload, 314159, 'FullDuplexCall response');
    expectEchoes('FullDuplexCall', reader.initialMetadata, status.metadata);
  },

  async status_code_and_message(ctx) {
    await expectEchoedStatus(ctx, 'test status message', true);
  },

  async special_status_message(ctx) {
    await expectEchoedStatus(ctx, SPECIAL_STATUS_MESSAGE, false);
  },

  async unimplemented_method(ctx) {
    step('TestService/UnimplementedCall');
    const { status } = await unary(ctx.testService(), 'UnimplementedCall', {});
    expectStatus(status, grpc.status.UNIMPLEMENTED, 'grpc.testing.TestService/UnimplementedCall');
  },

  async unimplemented_service(ctx) {
    step('UnimplementedService/UnimplementedCall');
    const client = ctx.client(ctx.testing.UnimplementedService);
    const { status } = await unary(client, 'UnimplementedCall', {});
    expectStatus(status, grpc.status.UNIMPLEMENTED, 'grpc.testing.UnimplementedService/UnimplementedCall');
  },

  async cancel_after_begin(ctx) {
    const client = ctx.testService();
    step('waiting for the channel to be ready');
    await util.promisify(client.waitForReady.bind(client))(Date.now() + 10000);
    step('StreamingInputCall cancelled before any message');
    const status = await new Promise((resolve) => {
      const call = client.StreamingInputCall(() => {});
      call.on('status', resolve);
      // Let the call's headers go out first, so the server sees a started
      // call being reset rather than nothing at all.
      setTimeout(() => call.cancel(), 20);
    });
    expectStatus(status, grpc.status.CANCELLED, 'StreamingInputCall');
  },

  async cancel_after_first_response(ctx) {
    step('FullDuplexCall: waiting for the first response');
    const call = ctx.testService().FullDuplexCall();
    const reader = new StreamReader(call);
    call.write({ response_parameters: [{ size: 31415 }], payload: zeros(27182) });
    const message = await reader.next();
    if (message === null) {
      const status = await reader.finish();
      fail('first response', 'a message', `end of stream with ${fmtStatus(status.code)} ${fmt(status.details)}`);
    }
    expectZeroPayload(message.payload, 31415, 'first response');
    step('FullDuplexCall: cancelling');
    call.cancel();
    expectStatus(await reader.finish(), grpc.status.CANCELLED, 'FullDuplexCall');
  },

  async timeout_on_sleeping_server(ctx) {
    step('FullDuplexCall with a 1 ms deadline');
    const call = ctx.testService().FullDuplexCall({ deadline: Date.now() + 1 });
    const reader = new StreamReader(call);
    call.write({ payload: zeros(27182) });
    expectStatus(await reader.finish(), grpc.status.DEADLINE_EXCEEDED, 'FullDuplexCall');
  },

  async client_compressed_unary(ctx) {
    const plain = ctx.testService();
    const gzip = ctx.testService({ 'grpc.default_compression_algorithm': GZIP });
    const request = (expectCompressed) => ({ ...LARGE_REQUEST(), expect_compressed: { value: expectCompressed } });

    step('UnaryCall probe: uncompressed request with expect_compressed=true');
    const probe = await unary(plain, 'UnaryCall', request(true));
    expectStatus(probe.status, grpc.status.INVALID_ARGUMENT, 'uncompressed UnaryCall with expect_compressed=true');

    await expectLargeUnary(gzip, request(true), 'gzip-compressed UnaryCall with expect_compressed=true');
    await expectLargeUnary(plain, request(false), 'uncompressed UnaryCall with expect_compressed=false');
  },

  async server_compressed_unary(ctx) {
    const client = ctx.testService();
    for (const compressed of [true, false]) {
      const what = `UnaryCall with response_compressed=${compressed}`;
      const request = { ...LARGE_REQUEST(), response_compressed: { value: compressed } };
      await expectLargeUnary(client, request, what);

      step(`${what} over raw HTTP/2, to read the message flags`);
      const raw = await rawUnary(ctx, 'UnaryCall', request);
      expectStatus(raw, grpc.status.OK, `${what} (raw HTTP/2)`);
      expectEqual(raw.frames.length, 1, `${what} (raw HTTP/2) number of response messages`);
      const [frame] = raw.frames;
      expectEqual(frame.compressed, compressed ? 1 : 0, `${what} compressed flag of the response message`);
      const bytes = compressed ? decompress(frame.data, raw.encoding, what) : frame.data;
      expectZeroPayload(raw.deserialize(bytes).payload, request.response_size, `${what} (raw HTTP/2) response`);
    }
  },

  async oversized_request(ctx) {
    step('UnaryCall with a 5 MiB request');
    const { status } = await unary(ctx.testService(), 'UnaryCall', { payload: zeros(5 * MiB) });
    expectStatus(status, grpc.status.RESOURCE_EXHAUSTED, 'UnaryCall with a 5 MiB request payload');
  },

  async oversized_response(ctx) {
    step('UnaryCall asking for a 5 MiB response');
    const { status } = await unary(ctx.testService(), 'UnaryCall', { response_size: 5 * MiB });
    expectStatus(status, grpc.status.RESOURCE_EXHAUSTED, 'UnaryCall with response_size 5 MiB');
  },

  async health_check(ctx) {
    const client = ctx.client(ctx.HealthClient);
    for (const service of ['', 'grpc.testing.TestService']) {
      const what = `Health/Check ${fmt(service)}`;
      step(what);
      const response = expectResponse(await unary(client, 'Check', { service }), what);
      expectEqual(response.status, 'SERVING', `${what} serving status`);
    }
    step('Health/Check "no.such.Service"');
    const { status } = await unary(client, 'Check', { service: 'no.such.Service' });
    expectStatus(status, grpc.status.NOT_FOUND, 'Health/Check "no.such.Service"');
  },

  async health_watch(ctx) {
    const client = ctx.client(ctx.HealthClient);
    for (const [service, expected] of [['', 'SERVING'], ['no.such.Service', 'SERVICE_UNKNOWN']]) {
      const what = `Health/Watch ${fmt(service)}`;
      step(`${what}: waiting for the first message`);
      const call = client.Watch({ service });
      const reader = new StreamReader(call);
      const message = await reader.next();
      if (message === null) {
        const status = await reader.finish();
        fail(`${what} first message`, expected, `end of stream with ${fmtStatus(status.code)} ${fmt(status.details)}`);
      }
      expectEqual(message.status, expected, `${what} first message status`);
      step(`${what}: cancelling`);
      call.cancel();
      expectStatus(await reader.finish(), grpc.status.CANCELLED, `${what} after cancel`);
    }
  },

  async reflection_list_services(ctx) {
    const required = [
      'grpc.testing.TestService',
      'grpc.health.v1.Health',
      'grpc.reflection.v1.ServerReflection',
      'grpc.reflection.v1alpha.ServerReflection',
    ];
    for (const version of ctx.reflectionVersions) {
      step(`reflection ${version} list_services`);
      const services = await reflectionRequest(`reflection ${version} list_services`,
        reflection(ctx, version).listServices());
      const missing = required.filter((name) => !services.includes(name));
      if (missing.length > 0) {
        fail(`reflection ${version} list_services`, `to include ${fmt(missing)}`, fmt(services));
      }
    }
  },

  async reflection_file_containing_symbol(ctx) {
    for (const version of ctx.reflectionVersions) {
      const what = `reflection ${version} file_containing_symbol "grpc.testing.TestService"`;
      step(what);
      // Also resolves the file's dependencies through file_by_filename.
      const descriptor = await reflectionRequest(what,
        reflection(ctx, version).getDescriptorBySymbol('grpc.testing.TestService'));
      const root = descriptor.getProtobufJsRoot();
      const service = root.lookup('grpc.testing.TestService');
      if (!service || !service.methods) fail(what, 'a descriptor defining service grpc.testing.TestService', 'none');
      try {
        root.resolveAll();
      } catch (err) {
        fail(what, 'a descriptor set whose types all resolve', fmt(err.message));
      }
      for (const [name, [requestType, requestStream, responseType, responseStream]] of Object.entries(TEST_SERVICE_METHODS)) {
        const method = service.methods[name];
        if (!method) fail(`${what} methods`, `to include ${name}`, fmt(Object.keys(service.methods)));
        const actual = [method.resolvedRequestType.fullName.slice(1), Boolean(method.requestStream),
          method.resolvedResponseType.fullName.slice(1), Boolean(method.responseStream)];
        const expected = [requestType, requestStream, responseType, responseStream];
        if (actual.join() !== expected.join()) fail(`${what} method ${name} (request, stream, response, stream)`, fmt(expected), fmt(actual));
      }
    }
  },
};

function reflection(ctx, version) {
  return new GrpcReflection(ctx.target, grpc.credentials.createInsecure(), { ...CHANNEL_OPTIONS }, version);
}

// The reflection client rejects with the call's error turned into text.
async function reflectionRequest(what, request) {
  try {
    return await request;
  } catch (err) {
    return fail(what, 'a reflection response', `error ${fmt(String(err && err.message).replace(/^(Error: )+/, ''))}`);
  }
}

async function expectEchoedStatus(ctx, message, alsoFullDuplex) {
  const client = ctx.testService();
  const responseStatus = { code: grpc.status.UNKNOWN, message };

  step('UnaryCall with response_status');
  const { status } = await unary(client, 'UnaryCall', { response_status: responseStatus });
  expectStatus(status, grpc.status.UNKNOWN, 'UnaryCall');
  expectEqual(status.details, message, 'UnaryCall status message');

  if (!alsoFullDuplex) return;
  step('FullDuplexCall with response_status');
  const call = client.FullDuplexCall();
  const reader = new StreamReader(call);
  call.write({ response_status: responseStatus });
  call.end();
  const result = await reader.readAll();
  expectStatus(result.status, grpc.status.UNKNOWN, 'FullDuplexCall');
  expectEqual(result.status.details, message, 'FullDuplexCall status message');
  expectEqual(result.messages.length, 0, 'FullDuplexCall number of responses');
}

// -------------------------------------------------------------------- main

function parseArgs(argv) {
  const args = {
    server_host: '127.0.0.1',
    server_port: null,
    test_case: null,
    use_tls: 'false',
    proto_dir: process.env.GRPC_PROTO_DIR || '/usr/share/grpc-proto',
    reflection_versions: 'v1,v1alpha',
    case_timeout_s: '30',
  };
  for (const arg of argv) {
    if (arg === '-h' || arg === '--help') {
      console.log(`${USAGE}\n\ncases: ${Object.keys(CASES).join(' ')}`);
      process.exit(0);
    }
    const match = /^--([a-z_]+)=(.*)$/s.exec(arg);
    if (!match || !(match[1] in args)) usageError(`unknown argument ${JSON.stringify(arg)}`);
    args[match[1]] = match[2];
  }
  if (!/^\d+$/.test(args.server_port ?? '')) usageError('--server_port=PORT is required');
  if (!args.test_case) usageError('--test_case=NAME is required');
  if (args.test_case !== 'all' && !(args.test_case in CASES)) usageError(`unknown test case ${JSON.stringify(args.test_case)}`);
  if (args.use_tls !== 'false') usageError('only plaintext is supported (--use_tls=false)');
  args.reflection_versions = args.reflection_versions.split(',').filter(Boolean);
  for (const version of args.reflection_versions) {
    if (version !== 'v1' && version !== 'v1alpha') usageError(`unknown reflection version ${JSON.stringify(version)}`);
  }
  args.case_timeout_s = Number(args.case_timeout_s);
  if (!(args.case_timeout_s > 0)) usageError('--case_timeout_s must be a positive number');
  return args;
}

function usageError(message) {
  console.error(`interop_client: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function runCase(ctx, name, timeoutMs) {
  step('starting');
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CaseFailure(`timed out after ${timeoutMs / 1000} s during: ${currentStep}`)), timeoutMs);
  });
  try {
    await Promise.race([CASES[name](ctx), timeout]);
    console.log(`PASS ${name}`);
    return true;
  } catch (err) {
    const detail = err instanceof CaseFailure ? err.message : `unexpected error during ${currentStep}: ${err && err.stack || err}`;
    console.error(`FAIL ${name}: ${detail}`);
    return false;
  } finally {
    clearTimeout(timer);
    ctx.closeClients();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const ctx = new Context(args);
  const names = args.test_case === 'all' ? Object.keys(CASES) : [args.test_case];
  let passed = 0;
  for (const name of names) {
    if (await runCase(ctx, name, args.case_timeout_s * 1000)) passed++;
  }
  if (names.length > 1) console.log(`${passed} passed, ${names.length - passed} failed`);
  // Reflection clients keep their channels open; exit explicitly.
  process.exit(passed === names.length ? 0 : 1);
}

main().catch((err) => {
  console.error(`interop_client: ${err && err.stack || err}`);
  process.exit(1);
});
