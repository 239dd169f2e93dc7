import type { Request, RequestHandler, Response } from 'express';

/**
 * Express middleware giving the request body a deadline: unless the whole body has arrived within
 * `ms` milliseconds of this point, `refuse(res)` answers (an HTTP 408 in the route's own error
 * shape) with `Connection: close`, so Node closes the connection once the answer is flushed and the
 * body parser drops what it buffered. The server's own requestTimeout (config `http`) is coarser
 * (checked once a second and counted from the first byte); this one is per route.
 * Handlers after a refusal must check `res.headersSent` before answering.
 */
export function bodyDeadline(ms: number, refuse: (res: Response) => void): RequestHandler {
  return (req: Request, res: Response, next) => {
    if (req.complete) return next();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.setHeader('Connection', 'close');
      refuse(res.status(408));
    }, ms);
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    res.once('close', clear);
    next();
  };
}
