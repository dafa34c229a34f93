#include "console/console_labels.h"

#include <utility>

namespace passwd {

std::string AccountCategoryLabel(const std::string& category) {
  if (category == "individual") return "個人";
  if (category == "role") return "役職";
  if (category == "business") return "業務";
  if (category == "admin") return "管理";
  if (category == "group") return "団体";
  return category;
}

std::string AuditEventLabel(const std::string& event) {
  static const struct {
    const char* event;
    const char* label;
  } kLabels[] = {
      {"code_sent", "アクセスコード送信"},
      {"code_wrong", "アクセスコード誤入力"},
      {"code_locked", "アクセスコードロック"},
      {"code_expired", "アクセスコード期限切れ"},
      {"code_verified", "アクセスコード確認"},
      {"code_refused", "アクセスコード入力拒否"},
      {"send_refused", "アクセスコード送信失敗"},
      {"password_changed", "パスワード更新"},
      {"password_refused", "パスワード更新拒否"},
      {"password_synced", "パスワード配信"},
      {"password_sync_failed", "パスワード配信失敗"},
      {"delivery_retry_requested", "パスワード配信の再試行指示"},
      {"operator_request", "オペレータへの申請"},
      {"operator_request_refused", "オペレータへの申請拒否"},
      {"not_me", "身に覚えなしの連絡"},
      {"not_me_refused", "身に覚えなしの連絡拒否"},
      {"admin_login", "オペレータログイン"},
      {"admin_login_failed", "オペレータログイン失敗"},
      {"admin_login_locked", "オペレータロック"},
      {"admin_login_refused", "オペレータログイン拒否"},
      {"admin_logout", "オペレータログアウト"},
      {"admin_session_ended", "オペレータセッション終了"},
      {"admin_not_found", "存在しない対象への操作"},
      {"admin_forbidden", "拒否された操作"},
      {"request_taken", "申請の担当"},
      {"request_link_sent", "アクセスコード送信用リンク送付"},
      {"request_note", "メモ追加"},
      {"request_rejected", "申請の却下"},
      {"request_closed", "申請の完了"},
      {"operator_link_used", "リンクからのアクセスコード送信"},
      {"operator_link_refused", "無効なリンク"},
      {"address_change_proposed", "登録アドレス変更の提案"},
      {"address_change_approved", "登録アドレス変更の承認"},
      {"address_change_rejected", "登録アドレス変更の却下"},
      {"address_change_refused", "登録アドレス変更の承認不可"},
      {"operator_created", "オペレータ登録"},
      {"operator_updated", "オペレータ更新"},
      {"operator_disabled", "オペレータ無効化"},
      {"operator_enabled", "オペレータ有効化"},
      {"mail_retried", "メールの再送"},
  };
  for (const auto& entry : kLabels) {
    if (event == entry.event) return entry.label;
  }
  return event;
}

const char* OperatorNoteKindLabel(OperatorNoteKind kind) {
  switch (kind) {
    case OperatorNoteKind::kRejection:
      return "却下の理由";
    case OperatorNoteKind::kClosing:
      return "完了時のメモ";
    case OperatorNoteKind::kNote:
      break;
  }
  return "メモ";
}

const char* FlowStateLabel(FlowState state) {
  switch (state) {
    case FlowState::kCodeSent:
      return "アクセスコード入力待ち";
    case FlowState::kVerified:
      return "パスワード設定待ち";
    case FlowState::kLocked:
      return "誤入力によりロック";
    case FlowState::kExpired:
      return "期限切れ";
    case FlowState::kVoided:
      return "無効化";
    case FlowState::kDone:
      break;
  }
  return "パスワード更新済み";
}

std::string FlowViaLabel(const std::string& via) {
  if (via == "id") return "UMIN IDから";
  if (via == "profile") return "登録情報から";
  if (via == "operator") return "オペレータのリンクから";
  return via;
}

const char* DeliveryStateLabel(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending:
      return "反映待ち";
    case DeliveryState::kDelivered:
      return "反映済み";
    case DeliveryState::kFailed:
      return "反映失敗";
    case DeliveryState::kSuperseded:
      break;
  }
  return "新しい変更により不要";
}

const char* MailStateLabel(MailState state) {
  switch (state) {
    case MailState::kPending:
      return "送信待ち";
    case MailState::kSent:
      return "送信済み";
    case MailState::kFailed:
      return "送信失敗";
    case MailState::kExpired:
      break;
  }
  return "期限切れ（未送信）";
}

std::string MailKindLabel(const std::string& kind) {
  static const struct {
    const char* kind;
    const char* label;
  } kLabels[] = {
      {"access_code", "アクセスコード通知"},
      {"password_changed", "パスワード更新完了のお知らせ"},
      {"operator_request_receipt", "オペレータへの申請の受付"},
      {"not_me_receipt", "身に覚えなしの連絡の受付"},
      {"operator_link", "アクセスコード送信用リンク"},
      {"request_rejected", "申請の却下"},
      {"address_changed", "登録アドレス変更のお知らせ"},
  };
  for (const auto& entry : kLabels) {
    if (kind == entry.kind) return entry.label;
  }
  return kind;
}

std::string IdentityDifferenceLabel(const IdentityDifference& difference) {
  const std::pair<bool, const char*> fields[] = {
      {difference.name, "氏名"},
      {difference.reading, "よみがな"},
      {difference.gender, "性別"},
      {difference.birth_date, "生年月日"}};
  std::string out;
  for (const auto& [differs, label] : fields) {
    if (!differs) continue;
    if (!out.empty()) out += "、";
    out += label;
  }
  return out;
}

}  // namespace passwd
