import type { Messages } from './en.js';

/** Arabic (written right to left). */
const ar: Messages = {
  'common.loading': 'جارٍ التحميل…',
  'common.retry': 'إعادة المحاولة',
  'common.reconnect': 'إعادة الاتصال',
  'common.dismiss': 'إغلاق',
  'common.close': 'إغلاق',
  'common.cancel': 'إلغاء',
  'common.logo': 'شعار {name}',

  'status.pending': 'في انتظار التفويض',
  'status.linked': 'متصل',
  'status.unlinked': 'غير متصل',
  'status.deauthorized': 'تم إلغاء الوصول',
  'status.paused': 'متوقف مؤقتًا',
  'health.healthy': 'يعمل بشكل سليم',
  'health.unhealthy': 'المزامنة تفشل',
  'health.unknown': 'الحالة غير معروفة',
  'sync.last': 'تمت المزامنة {time}',
  'sync.never': 'لم تتم المزامنة بعد',

  'statusIndicator.loading': 'جارٍ التحقق من الاتصال…',
  'statusIndicator.notFound': 'لم يتم العثور على الاتصال',
  'statusIndicator.error': 'الحالة غير متاحة',
  'statusIndicator.none': 'لا يوجد اتصال',

  'errorPanel.details': 'التفاصيل التقنية',
  'errorPanel.httpStatus': 'حالة HTTP ‏{status}',
  'errorPanel.correlationId': 'المرجع',
  'errorPanel.copy': 'نسخ المرجع',
  'errorPanel.copied': 'تم نسخ المرجع',
  'errorPanel.issuesTitle': '{name} يحتاج إلى انتباهك',
  'errorPanel.issuesMessage':
    '{count, plural, zero {لم يبلّغ المزوّد عن أي مشكلة في هذا الاتصال.} one {أبلغ المزوّد عن مشكلة في هذا الاتصال.} two {أبلغ المزوّد عن مشكلتين في هذا الاتصال.} few {أبلغ المزوّد عن # مشكلات في هذا الاتصال.} other {أبلغ المزوّد عن # مشكلة في هذا الاتصال.}}',
  'errorPanel.deauthorized': 'تم إلغاء الوصول إلى {name}. أعد الاتصال لاستئناف المزامنة.',
  'errorPanel.issueWhen': 'منذ {time}',

  'error.network.title': 'مشكلة في الاتصال',
  'error.network.message': 'تعذّر الوصول إلى الخدمة. تحقّق من اتصالك بالإنترنت ثم أعد المحاولة.',
  'error.timeout.title': 'استغرق الأمر وقتًا طويلًا',
  'error.timeout.message': 'لم تستجب الخدمة في الوقت المحدد. أعد المحاولة بعد قليل.',
  'error.http.title': 'أعادت الخدمة خطأً',
  'error.http.message': 'حدث خطأ في الخادم. أعد المحاولة، أو تواصل مع الدعم إذا استمرت المشكلة.',
  'error.unauthorized.title': 'التفويض مطلوب',
  'error.unauthorized.message': 'تم رفض الوصول. أعد ربط الحساب لمنح الوصول مجددًا.',
  'error.not-found.title': 'غير موجود',
  'error.not-found.message': 'الاتصال أو التكامل لم يعد موجودًا. ربما تمت إزالته.',
  'error.rate-limited.title': 'طلبات كثيرة جدًا',
  'error.rate-limited.message': 'الخدمة مشغولة. انتظر قليلًا ثم أعد المحاولة.',
  'error.invalid-response.title': 'استجابة غير متوقعة',
  'error.invalid-response.message': 'ردّت الخدمة بصيغة غير متوقعة. تواصل مع الدعم وأعطهم المرجع أدناه.',
  'error.unsafe-url.title': 'تم حظر رابط غير آمن',
  'error.unsafe-url.message': 'لم يكن رابط التفويض آمنًا، لذلك لم يُفتح أي شيء.',
  'error.state-mismatch.title': 'تعذّر التحقق من تسجيل الدخول',
  'error.state-mismatch.message':
    'هذه العودة لا تطابق أي تسجيل دخول بدأ هنا، لذلك لم يتم ربط أي شيء. ابدأ من جديد من هذه الصفحة.',
  'error.popup-blocked.title': 'تم حظر النافذة المنبثقة',
  'error.popup-blocked.message': 'حظر متصفحك نافذة تسجيل الدخول. اسمح بالنوافذ المنبثقة لهذا الموقع ثم أعد المحاولة.',
  'error.cancelled.title': 'تم الإلغاء',
  'error.cancelled.message': 'لم يكتمل الاتصال. يمكنك البدء من جديد متى شئت.',
  'error.provider.title': 'أبلغ المزوّد عن مشكلة',
  'error.provider.message': 'تعذّر على المزوّد إكمال الاتصال. أعد المحاولة أو اختر حسابًا آخر.',
  'error.expired.title': 'انتهت صلاحية الجلسة',
  'error.expired.message': 'استغرق التفويض وقتًا طويلًا وانتهت صلاحيته. يُرجى البدء من جديد.',
};

export default ar;
