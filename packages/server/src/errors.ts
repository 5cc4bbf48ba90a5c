/**
 * Typed errors. Every error that reaches a client is `{ error: { code, message, details? } }`
 * with a Vietnamese `message`; `code` is a stable English identifier for programs.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageVi: string,
    readonly details?: unknown,
  ) {
    super(messageVi);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError('bad_request', 400, message, details);
export const unauthorized = (message = 'Bạn cần đăng nhập để tiếp tục.') =>
  new AppError('unauthorized', 401, message);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') =>
  new AppError('forbidden', 403, message);
export const notFound = (message = 'Không tìm thấy dữ liệu yêu cầu.') =>
  new AppError('not_found', 404, message);
export const conflict = (message: string, details?: unknown) =>
  new AppError('conflict', 409, message, details);
