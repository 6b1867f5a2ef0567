/** A console API failure: rendered as `{"error": message, "code"?}` with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 402 | 403 | 404 | 409 | 413 | 429 | 500 | 502 | 503,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, `${what} not found`, 'not_found');
export const badRequest = (message: string, code = 'bad_request'): ApiError => new ApiError(400, message, code);
export const forbidden = (message = 'not allowed'): ApiError => new ApiError(403, message, 'forbidden');
