/** Where GitHub's error bodies point; the exact page does not matter to any client. */
export const DOCS_URL = 'https://docs.github.com/rest';

/** One entry of a 422's `errors` array: objects for field errors, bare strings for some endpoints. */
export type ValidationError = { resource: string; code: string; field?: string; message?: string } | string;

/** GitHub's error body: `{"message", "documentation_url", "status"}` plus `errors` on 422. */
export interface ErrorBody {
  message: string;
  documentation_url: string;
  status: string;
  errors?: ValidationError[];
}

/** Thrown by route handlers; the server turns it into GitHub's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ValidationError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return {
      message: this.message,
      documentation_url: DOCS_URL,
      status: String(this.status),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const notFound = (): ApiError => new ApiError(404, 'Not Found');

/** 422 "Validation Failed" with one field error, the form most create/update endpoints use. */
export const validationFailed = (...errors: ValidationError[]): ApiError =>
  new ApiError(422, 'Validation Failed', errors);

/** The default message GitHub (or its front end) sends with a status. */
export function statusMessage(status: number): string {
  const messages: Record<number, string> = {
    400: 'Problems parsing JSON',
    401: 'Bad credentials',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    422: 'Validation Failed',
    429: 'Too Many Requests',
    500: 'Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return messages[status] ?? 'Error';
}
