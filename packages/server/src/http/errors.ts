/**
 * One error shape for everything: `{ error: { code, message (Vietnamese), details? } }`.
 * Bad input (JSON syntax, content type, schema, database constraint) is a 4xx, never a 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody } from '../errors.ts';

const FASTIFY_CODES: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'unsupported_media_type',
    'Kiểu nội dung (Content-Type) không được hỗ trợ.',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'Độ dài nội dung không khớp với dữ liệu gửi lên.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_json', 'Nội dung JSON trống.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', 'Nội dung JSON không hợp lệ.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'Dữ liệu gửi lên quá lớn.'],
  FST_REQ_FILE_TOO_LARGE: ['payload_too_large', 'Tệp gửi lên vượt quá dung lượng cho phép.'],
  FST_PARTS_LIMIT: ['payload_too_large', 'Gửi quá nhiều phần trong một yêu cầu.'],
  FST_FILES_LIMIT: ['payload_too_large', 'Gửi quá nhiều tệp trong một yêu cầu.'],
  FST_FIELDS_LIMIT: ['payload_too_large', 'Gửi quá nhiều trường trong một yêu cầu.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [
    'unsupported_media_type',
    'Yêu cầu phải gửi dạng multipart/form-data.',
  ],
  FST_ERR_VALIDATION: ['validation', 'Dữ liệu gửi lên không hợp lệ.'],
};

const BY_STATUS: Record<number, [string, string]> = {
  400: ['bad_request', 'Yêu cầu không hợp lệ.'],
  401: ['unauthorized', 'Bạn cần đăng nhập để tiếp tục.'],
  403: ['forbidden', 'Bạn không có quyền thực hiện thao tác này.'],
  404: ['not_found', 'Không tìm thấy dữ liệu yêu cầu.'],
  405: ['method_not_allowed', 'Phương thức không được hỗ trợ.'],
  406: ['not_acceptable', 'Định dạng yêu cầu không được hỗ trợ.'],
  408: ['timeout', 'Yêu cầu quá thời gian chờ.'],
  409: ['conflict', 'Dữ liệu bị xung đột.'],
  413: ['payload_too_large', 'Dữ liệu gửi lên quá lớn.'],
  415: ['unsupported_media_type', 'Kiểu nội dung (Content-Type) không được hỗ trợ.'],
  429: ['rate_limited', 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau.'],
};

/** PostgreSQL SQLSTATEs that mean the input was wrong, not the server. */
const PG_CODES: Record<string, [number, string, string]> = {
  '23505': [409, 'duplicate', 'Dữ liệu đã tồn tại.'],
  '23503': [409, 'reference', 'Dữ liệu tham chiếu không tồn tại hoặc đang được sử dụng.'],
  '23502': [400, 'validation', 'Thiếu dữ liệu bắt buộc.'],
  '23514': [400, 'validation', 'Dữ liệu không thỏa mãn điều kiện hợp lệ.'],
  '22P02': [400, 'validation', 'Giá trị không đúng định dạng.'],
  '22007': [400, 'validation', 'Ngày giờ không đúng định dạng.'],
  '22008': [400, 'validation', 'Ngày giờ nằm ngoài phạm vi cho phép.'],
  '22001': [400, 'validation', 'Giá trị quá dài.'],
  '22003': [400, 'validation', 'Giá trị số nằm ngoài phạm vi cho phép.'],
};

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return reply.status(err.status).send(errorBody(err.code, err.messageVi, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: `${err.validationContext ?? ''}${v.instancePath}`,
      message: v.message,
    }));
    return reply.status(400).send(errorBody('validation', 'Dữ liệu gửi lên không hợp lệ.', details));
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err }, 'response does not match its schema');
    return reply.status(500).send(errorBody('internal', 'Lỗi máy chủ khi trả kết quả.'));
  }
  const pgCode = (err as { code?: unknown }).code;
  if (typeof pgCode === 'string' && PG_CODES[pgCode] && !('statusCode' in err && err.statusCode)) {
    const [status, code, message] = PG_CODES[pgCode];
    request.log.info({ err }, 'database rejected input');
    return reply.status(status).send(errorBody(code, message));
  }
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
  if (status < 500) {
    const known =
      (err.code && FASTIFY_CODES[err.code]) ||
      (err instanceof SyntaxError ? FASTIFY_CODES.FST_ERR_CTP_INVALID_JSON_BODY : undefined) ||
      BY_STATUS[status] ||
      BY_STATUS[400];
    const [code, message] = known as [string, string];
    return reply.status(status).send(errorBody(code, message));
  }
  request.log.error({ err }, 'unhandled error');
  return reply
    .status(500)
    .send(errorBody('internal', 'Lỗi máy chủ. Vui lòng thử lại hoặc báo quản trị viên.'));
}
