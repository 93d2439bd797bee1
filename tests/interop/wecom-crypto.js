// Runs WeCom's own crypto (@wecom/crypto) for the interop tests in RectifyBot.Host.Tests.
// Reads a JSON array of requests on stdin and writes a JSON array of answers on stdout:
//   {"op":"encrypt","key":K,"message":M,"id":ID,"random":HEX?} -> {"encrypt":B64}
//   {"op":"decrypt","key":K,"encrypt":B64}                    -> {"message":M,"id":ID}
//   {"op":"sign","token":T,"timestamp":S,"nonce":N,"encrypt":B64} -> {"signature":HEX}
// A request that fails answers {"error":...}.
'use strict';
const wecom = require('@wecom/crypto');

function run(request) {
  switch (request.op) {
    case 'encrypt': {
      const random = request.random ? Buffer.from(request.random, 'hex') : undefined;
      return { encrypt: wecom.encrypt(request.key, request.message, request.id, random) };
    }
    case 'decrypt': {
      const { message, id } = wecom.decrypt(request.key, request.encrypt);
      return { message, id };
    }
    case 'sign':
      return { signature: wecom.getSignature(request.token, request.timestamp, request.nonce, request.encrypt) };
    default:
      throw new Error(`unknown op: ${request.op}`);
  }
}

function answer(request) {
  try {
    return run(request);
  } catch (error) {
    return { error: String(error.message) };
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  try {
    process.stdout.write(JSON.stringify(JSON.parse(input).map(answer)));
  } catch (error) {
    process.stderr.write(`bad input: ${error.message}\n`);
    process.exitCode = 1;
  }
});
