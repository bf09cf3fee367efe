/**
 * What the user reads when an API call fails, looked up by the error body's stable
 * `code` (`{code, detail, fields}`; see src/app/errors.ts). One entry per server code
 * whose meaning is fixed: the DomainError codes of platform/**\/exceptions.py and
 * tenants/exceptions.py, and the codes DRF itself answers with (api/exceptions.py).
 *
 * Codes whose `detail` says something specific each time (which field is wrong, why
 * the file cannot be read, which rule a password breaks) are in DETAIL_CODES instead:
 * for those the server's `detail`, already in the request's language, is shown.
 * A test reads the server's exception modules and fails on a code that is in neither.
 * A feature may word a code its own way (complaints' `complaints.error.<code>`).
 */
export const errorsZh = {
  'error.generic': '操作失败，请稍后重试',
  'error.network': '无法连接服务器，请检查网络后重试',

  // Sent by the framework (authentication, throttling, routing, parsing).
  'error.not_authenticated': '请先登录',
  'error.authentication_failed': '登录已失效，请重新登录',
  'error.permission_denied': '没有权限执行此操作',
  'error.not_found': '内容不存在',
  'error.method_not_allowed': '不支持此操作',
  'error.not_acceptable': '服务器无法按要求的格式返回',
  'error.unsupported_media_type': '不支持该文件或数据格式',
  'error.parse_error': '提交的数据格式有误',
  'error.throttled': '尝试次数过多，请稍后再试',
  'error.too_many': '操作过于频繁，请稍后再试',
  'error.conflict': '与现有数据冲突，请刷新后重试',

  // accounts
  'error.invalid_credentials': '邮箱或密码不正确',
  'error.email_taken': '该邮箱已有账号',
  'error.invitation_invalid': '邀请链接无效或已过期',
  'error.reset_link_invalid': '重设链接无效或已过期，请重新申请',
  'error.role_not_allowed': '不能授予该角色',
  'error.cannot_deactivate_self': '不能停用自己的账号',

  // committee (filings, roster)
  'error.filing_not_allowed': '只有现任业委会主任，或在没有现任主任时本小区的业主，可以提交备案',
  'error.member_not_eligible': '物业人员或代办账号不能担任业委会成员',
  'error.receipt_rejected': '备案回执只支持 JPG/PNG 图片或 PDF，且不超过 10 MB',
  'error.filing_pending': '本小区已有一份备案在等待平台审核',
  'error.filing_reviewed': '该备案已审核，不能再次审核',
  'error.filing_estate_gone': '该备案的小区已不存在',
  'error.filing_not_found': '没有这份备案',
  'error.not_committee_chair': '只有现任业委会主任可以登记辞职',
  'error.seat_not_open': '该席位已结束或尚未经备案确认',
  'error.seat_not_found': '没有这个业委会席位',

  // tenants (firms)
  'error.slug_taken': '该子域名已被占用',
  'error.firm_not_found': '没有找到该物业公司',
  'error.provisioning_failed': '开通公司空间失败，未留下任何数据，请重试',

  // estates
  'error.estate_not_found': '没有找到该小区',
  'error.code_taken': '小区编号已被使用',
  'error.name_taken': '同名记录已存在',
  'error.invalid_term': '任期结束日期不能早于开始日期',
  'error.join_request_closed': '该申请已处理',
  'error.join_code_invalid': '二维码无效',
  'error.share_exceeded': '同一房屋的业主份额合计不能超过 100%',
  'error.import_has_errors': '预览发现错误，请修正文件后重新上传',
  'error.import_not_committable': '该导入已提交或已结束',
  'error.person_not_found': '没有找到该人员',
  'error.not_a_candidate': '只能选择电话相同的已登记人员',
  'error.settings_invalid': '小区设置无效，请检查标出的项目',

  // complaints (the complaints screens word some of these their own way)
  'error.transition_not_allowed': '当前状态下不能执行此操作，请刷新后再看',
  'error.already_assigned': '该工单已有人负责',
  'error.daily_limit': '今天提交的报事已达上限。如有紧急情况，请直接致电物业服务中心。',
  'error.near_duplicate': '您已经报过内容相近的事，请在原来的报事里查看进度。',
  'error.invalid_place': '请选择本小区的房屋或公共区域',
  'error.upload_rejected': '有附件不符合要求',
  'error.not_requester': '只有提交人本人可以评价或申请重新处理',
  'error.reopen_window_closed': '已超过可以申请重新处理的期限，请重新报事',
  'error.requester_not_in_estate': '提交人不是本小区的业主或住户',
  'error.group_not_in_estate': '调度组不属于该小区',
  'error.member_not_in_estate': '组员必须是负责该小区的物业人员',
  'error.group_in_use': '该调度组仍被派单规则使用，不能移到其他小区',
  'error.config_taken': '该小区已有相同的配置',
  // disclosure (公共收益公示)
  'error.not_bookkeeper': '只有负责该小区的物业管理人员可以记账和编制报表',
  'error.not_supervisor': '只有该小区在任的业委会成员可以审核报表',
  'error.line_posted': '已入账的账目不能修改或删除，请用冲销更正',
  'error.line_not_posted': '草稿不能冲销，可直接修改或删除',
  'error.already_reversed': '该账目已被冲销',
  'error.reversal_not_reversible': '冲销账目不能再冲销，请重新录入正确的账目',
  'error.invalid_category': '类别与收支方向不符',
  'error.invalid_amount': '金额须为非零、最多两位小数的人民币金额',
  'error.decision_not_in_estate': '决议不属于该小区',
  'error.line_not_in_estate': '该账目不属于本小区或尚未入账',
  'error.invalid_split_rule': '分配比例须在 0–100% 之间',
  'error.invalid_period': '期间须从月初（月报）或季初（季报）开始',
  'error.period_not_over': '期间尚未结束，不能提交审核',
  'error.statement_exists': '该期间的报表已存在',
  'error.statement_transition': '报表当前状态下不能执行此操作，请刷新后再看',
  'error.open_queries': '还有未答复的质询，不能签认',
  'error.query_answered': '该质询已答复',
  'error.statement_not_submitted': '报表尚未提交，没有可校验的链头',
  'error.decision_required': '维修资金的每笔使用都须关联业主决议',
  'error.fund_insufficient': '维修资金余额不足',
  // billing
  'error.billing_unavailable': '支付服务暂时不可用，请稍后再试',
  'error.price_unknown': '没有这个价格方案',
  'error.no_subscription': '该物业公司还没有订阅',
  'error.no_customer': '还没有付款账户，请先订阅',
  'error.already_subscribed': '已有订阅，请在账单门户中管理',
  'error.invoice_not_open': '该账单不是待付款状态',
  'error.payment_required': '订阅已欠费，管理功能暂为只读；付款后立即恢复',
  'error.invalid_signature': '签名无效',
} as const satisfies Record<`error.${string}`, string>;

export const errorsEn: { readonly [K in keyof typeof errorsZh]: string } = {
  'error.generic': 'Something went wrong. Please try again.',
  'error.network': 'Cannot reach the server. Check your connection and try again.',

  'error.not_authenticated': 'Please log in first',
  'error.authentication_failed': 'Your session has ended. Please log in again.',
  'error.permission_denied': 'You may not do this',
  'error.not_found': 'Not found',
  'error.method_not_allowed': 'This action is not supported',
  'error.not_acceptable': 'The server cannot answer in the requested format',
  'error.unsupported_media_type': 'This file or data format is not supported',
  'error.parse_error': 'The data sent could not be read',
  'error.throttled': 'Too many attempts. Please wait a moment and try again.',
  'error.too_many': 'Too many requests. Please wait a moment and try again.',
  'error.conflict': 'This conflicts with existing data. Refresh the page and try again.',

  'error.invalid_credentials': 'Wrong e-mail or password',
  'error.email_taken': 'An account with this e-mail already exists',
  'error.invitation_invalid': 'This invitation link is invalid or has expired',
  'error.reset_link_invalid': 'This reset link is invalid or has expired; please ask for a new one',
  'error.role_not_allowed': 'This role cannot be granted here',
  'error.cannot_deactivate_self': 'You cannot deactivate your own account',

  'error.filing_not_allowed':
    'Only the current committee chair, or an owner of the estate while it has no chair, can submit a filing',
  'error.member_not_eligible': 'Firm staff and staff-managed accounts cannot sit on the committee',
  'error.receipt_rejected': 'The filing receipt must be a JPG/PNG image or a PDF of at most 10 MB',
  'error.filing_pending': 'A filing for this estate is already waiting for review',
  'error.filing_reviewed': 'This filing has already been reviewed',
  'error.filing_estate_gone': 'The estate of this filing no longer exists',
  'error.filing_not_found': 'No such filing',
  'error.not_committee_chair': 'Only the current committee chair can record a resignation',
  'error.seat_not_open': 'This seat has ended or was never confirmed by a filing',
  'error.seat_not_found': 'No such committee seat',

  'error.slug_taken': 'This subdomain is already taken',
  'error.firm_not_found': 'No such firm',
  'error.provisioning_failed': 'Setting up the firm failed and nothing was left behind. Please try again.',

  'error.estate_not_found': 'No such estate',
  'error.code_taken': 'This estate code is already in use',
  'error.name_taken': 'A record with this name already exists here',
  'error.invalid_term': 'The term cannot end before it starts',
  'error.join_request_closed': 'This request was already decided',
  'error.join_code_invalid': 'This join code is not valid',
  'error.share_exceeded': "The owners' shares of a unit cannot exceed 100%",
  'error.import_has_errors': 'The preview found errors: fix the file and upload it again',
  'error.import_not_committable': 'This import was already committed or has finished',
  'error.person_not_found': 'No such person',
  'error.not_a_candidate': 'Choose one of the people with the same phone',
  'error.settings_invalid': 'Some estate settings are not valid; check the marked ones',

  'error.transition_not_allowed': 'This is not possible in the current status; refresh and look again',
  'error.already_assigned': 'Someone else already has this work order',
  'error.daily_limit': "You have reached today's limit. For an emergency, please call the service centre.",
  'error.near_duplicate': 'You already reported something very similar; please follow that request.',
  'error.invalid_place': 'Choose a home or common area of this estate',
  'error.upload_rejected': 'An attachment was not accepted',
  'error.not_requester': 'Only the person who reported it may rate or reopen it',
  'error.reopen_window_closed': 'It is too late to reopen this request; please report it again',
  'error.requester_not_in_estate': 'The requester is not an owner or resident of this estate',
  'error.group_not_in_estate': 'The dispatch group does not belong to this estate',
  'error.member_not_in_estate': 'Group members must be staff working on this estate',
  'error.group_in_use': 'Dispatch rules still use this group; it cannot move to another estate',
  'error.config_taken': 'This estate already has the same setting',
  'error.not_bookkeeper': "Only the firm's managers of this estate can keep its books and draft statements",
  'error.not_supervisor': 'Only a serving committee member of this estate can review statements',
  'error.line_posted': 'Posted lines cannot be changed or deleted; correct them with a reversing line',
  'error.line_not_posted': 'A draft cannot be reversed; edit or delete it instead',
  'error.already_reversed': 'This line has already been reversed',
  'error.reversal_not_reversible': 'A reversing line cannot be reversed; enter the correct line instead',
  'error.invalid_category': 'The category does not match income or expense',
  'error.invalid_amount': 'The amount must be a non-zero CNY amount with at most two decimal places',
  'error.decision_not_in_estate': 'The decision does not belong to this estate',
  'error.line_not_in_estate': 'The line does not belong to this estate or is not posted',
  'error.invalid_split_rule': 'Shares must be between 0 and 100%',
  'error.invalid_period': 'A period starts on the first day of a month (monthly) or a quarter (quarterly)',
  'error.period_not_over': 'The period has not ended yet; it cannot be submitted for review',
  'error.statement_exists': 'A statement for this period already exists',
  'error.statement_transition': 'This is not possible for the statement in its current state; refresh and look again',
  'error.open_queries': 'Queries are still unanswered; the statement cannot be signed off',
  'error.query_answered': 'This query has already been answered',
  'error.statement_not_submitted': 'The statement has not been submitted, so it has no chain head to verify',
  'error.decision_required': "Every use of the maintenance fund must name the owners' decision",
  'error.fund_insufficient': "The maintenance fund's balance is too low",
  'error.billing_unavailable': 'Payments are unavailable at the moment. Please try again later',
  'error.price_unknown': 'There is no such price',
  'error.no_subscription': 'This firm has no subscription yet',
  'error.no_customer': 'There is no billing account yet. Subscribe first',
  'error.already_subscribed': 'There is a subscription already; manage it in the billing portal',
  'error.invoice_not_open': 'This invoice is not open',
  'error.payment_required': 'The subscription is unpaid: management is read-only until payment',
  'error.invalid_signature': 'The signature is not valid',
};

/**
 * Codes whose `detail` is specific to the case: the server's words are shown, not ours.
 * `invalid`: validation (the fields say what); `forbidden`: raised with the reason;
 * `import_file_invalid`: why the file cannot be read; `weak_password`: which rule;
 * `in_use`, `not_assignable`: what is still linked, who may not be assigned and why;
 * `domain_error`/`error`: catch-alls with whatever the server said.
 */
export const DETAIL_CODES: ReadonlySet<string> = new Set([
  'invalid',
  'filing_invalid',
  'forbidden',
  'in_use',
  'not_assignable',
  'import_file_invalid',
  'weak_password',
  'domain_error',
  'error',
]);
