import http from 'node:http';

/**
 * Whether our gateway answers at host:port: a fresh connection per probe (no keep-alive pool, so
 * the answer reflects the current listener) asking the console API anonymously; a 401 means it
 * is TokenAltar that answered.
 */
export function gatewayAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path: '/api/me', agent: false, timeout: 3_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 401);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
  });
}
