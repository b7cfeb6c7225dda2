// SPDX-License-Identifier: GPL-3.0-or-later
//
// Starts Learning Locker's statement service (xapi-statements, from npm)
// for the tests: statements in memory, the test authority (any Basic
// credentials map to one test client), no Redis or MongoDB, and listening
// on 127.0.0.1 only, on EXPRESS_PORT. The service itself calls
// app.listen(port), which would listen on every interface; the listen
// below pins it to loopback.
'use strict';
const http = require('http');

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (port, ...rest) {
  const callback = rest.find((arg) => typeof arg === 'function');
  return listen.call(this, port, '127.0.0.1', callback);
};

process.env.MODELS_REPO = 'memory';
process.env.STORAGE_REPO = 'local';
process.env.AUTH_REPO = 'test';
process.env.EVENTS_REPO = 'test';
process.env.WINSTON_CONSOLE_LEVEL = process.env.WINSTON_CONSOLE_LEVEL || 'error';
process.env.FS_LOCAL_STORAGE_DIR = process.env.FS_LOCAL_STORAGE_DIR || `${process.cwd()}/storage`;
process.env.EXPRESS_MORGAN_DIRECTORY = process.env.EXPRESS_MORGAN_DIRECTORY || `${process.cwd()}/logs`;
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

require('xapi-statements/dist/server');
