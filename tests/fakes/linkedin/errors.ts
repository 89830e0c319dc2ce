import { json, type Reply } from '../loopback.js';

/** LinkedIn's error body: `{status, serviceErrorCode, code, message}`. */
export const liError = (status: number, code: string, message: string, serviceErrorCode = 100): Reply =>
  json(status, { status, serviceErrorCode, code, message });

export const invalidToken = () => liError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
export const expiredToken = () =>
  liError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602);
export const retiredVersion = (version: string) =>
  liError(426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`, 0);
export const accessDenied = (what: string) =>
  liError(403, 'ACCESS_DENIED', `Not enough permissions to access: ${what}`, 100);
export const dailyLimit = () =>
  liError(
    429,
    'TOO_MANY_REQUESTS',
    'Resource level throttle DAY limit for calls to this resource is reached.',
    101,
  );

/** A 422 with the `errorDetails.inputErrors` LinkedIn sends for a bad field. */
export function fieldError(fieldPath: string, description: string): Reply {
  return json(422, {
    status: 422,
    code: 'UNPROCESSABLE_ENTITY',
    message: `ERROR :: /${fieldPath} :: ${description}`,
    errorDetails: {
      inputErrors: [{ description, input: { inputPath: { fieldPath } }, code: 'FIELD_VALUE_INVALID' }],
    },
  });
}
