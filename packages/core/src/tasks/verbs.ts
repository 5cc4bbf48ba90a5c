/**
 * Verbs and adverbs that open a directive ("tham mưu", "khẩn trương", "nghiêm túc"): an
 * item with no subject, or a clause after an agency. A module without imports: the agency
 * phrase grammar (agencies/phrase.ts) ends a name before one of them, and the task rules
 * (tasks/roles.ts, tasks/classify.ts) read them after an agency or at the start of an item.
 */
export const DIRECTIVE_VERBS =
  /^(?:tham mưu|nghiên cứu|tiếp tục|chủ trì|phối hợp|rà soát|tăng cường|đẩy mạnh|đẩy nhanh|xây dựng|triển khai|thực hiện|hướng dẫn|kiểm tra|tổ chức|chủ động|khẩn trương|sớm|nhanh chóng|tích cực|chú trọng|phát huy|tận dụng|hoàn thành|hoàn thiện|báo cáo|đề xuất|cập nhật|theo dõi|đôn đốc|quan tâm|bố trí|đảm bảo|bảo đảm|nâng cao|phấn đấu|phần đầu|tập trung|giám sát|quản lý|ban hành|trình|lập|tuyên truyền|phổ biến|xử lý|giải quyết|khắc phục|chấn chỉnh|ưu tiên|huy động|cân đối|phân bổ|hỗ trợ|củng cố|duy trì|tổng hợp|thẩm định|công khai|chuẩn bị|khảo sát|điều chỉnh|bổ sung|kiện toàn|rút kinh nghiệm|làm việc|lựa chọn|đầu tư|nghiêm túc|kịp thời|thường xuyên|vận hành|đưa|mở rộng|tạo điều kiện|thúc đẩy|tham gia|cung cấp|xác định|thống kê|lấy ý kiến|tiếp nhận|làm đầu mối|là cơ quan đầu mối|là đơn vị đầu mối|cần|phải|có trách nhiệm|có văn bản|bám sát|cụ thể hóa|đánh giá(?!\s+(?:cao|chung))|trao đổi|hoàn chỉnh|soạn thảo|gửi|nộp|tiến hành|chỉ đạo|quán triệt|đề nghị|yêu cầu)(?![\p{L}])/iu;
