package demo

import "huddle/backlog"

// The demo team's content: fixed tables, so the file is the same for a given now.
// Days in the tables are working days of a sprint, 1-based.

// LeadHandle is the demo team's lead: open the demo with `--as maya`.
const LeadHandle = "maya"

const (
	teamName  = "Pocketpay Onboarding"
	leadName  = "Maya Okafor"
	leadHours = 5
	vision    = "Anyone can open a Pocketpay account on their phone and make a first payment in under three minutes, " +
		"with no branch visit and no paperwork."
)

type memberSpec struct {
	handle, name string
	hours        float64
	keyComment   string // a fake SSH key is made for members with a comment
}

var memberSpecs = []memberSpec{
	{"wei", "王伟", 6, "wei@thinkpad"},
	{"lucas", "Lucas Moreau", 7, ""},
	{"priya", "Priya Raman", 5.5, "priya@macbook"},
	{"tomas", "Tomás Novák", 4, ""},
}

type objectiveSpec struct {
	title string
	krs   []krSpec
}

type krSpec struct {
	key              string
	name, unit       string
	baseline, target float64 // current starts at the baseline; krMoves move it
}

var objectiveSpecs = []objectiveSpec{
	{"提升新用户的激活体验", []krSpec{
		{"activation-7d", "新用户7日内完成核心功能操作的比例", "%", 30, 50},
		{"signup-rate", "注册流程完成率", "%", 62, 80},
		{"first-pay-time", "首次付款的中位耗时", "分钟", 9, 3},
	}},
	{"Make paying with Pocketpay effortless and safe", []krSpec{
		{"card-success", "Card payment success rate", "%", 94.5, 98.5},
		{"chargebacks", "Chargebacks per 10,000 payments", "per 10k", 12, 6},
		{"app-rating", "App Store rating", "stars", 4.1, 4.6},
	}},
}

type storySpec struct {
	key    string
	title  string
	points int
	value  int
	labels string // comma separated
	kr     string // key of the key result it moves
	desc   string
	accept string
}

const un = backlog.Unestimated

// initialStories are written before the first sprint, in backlog order: the
// first five become sprint 1, the next six sprint 2.
var initialStories = []storySpec{
	{key: "kyc-scan", title: "Scan an ID document with the phone camera", points: 8, value: 90, labels: "kyc,mobile", kr: "signup-rate",
		desc:   "New users photograph their ID card or passport inside the app instead of uploading files from a computer.",
		accept: "- Front and back of an ID card, or a passport photo page, can be captured\n- Blurry or glared photos are rejected with a hint before upload\n- Works on iOS 15+ and Android 9+"},
	{key: "liveness", title: "Selfie liveness check during sign-up", points: 5, value: 80, labels: "kyc,mobile", kr: "signup-rate",
		accept: "- A printed photo or a screen replay is rejected\n- Three failed attempts send the user to manual review"},
	{key: "kyc-pending", title: "Show verification status while KYC is pending", points: 3, value: 60, labels: "kyc,ux",
		desc: "Users who finished sign-up see where their verification is, and are told when it is done."},
	{key: "phone-otp", title: "Sign up with a phone number and SMS code", points: 5, value: 85, labels: "signup,backend", kr: "signup-rate",
		accept: "- The code arrives within 30 seconds in the three launch countries\n- Five wrong codes lock the number for 15 minutes"},
	{key: "resume", title: "Save sign-up progress so users can resume later", points: 8, value: 75, labels: "signup,backend,mobile", kr: "activation-7d",
		desc:   "40% of drop-offs happen at the ID step, and many of those people come back later only to start over.",
		accept: "- Leaving at any step and reopening the app within 30 days resumes at that step\n- Drafts are deleted after 30 days"},

	{key: "card-scan", title: "Add a debit card by scanning it with the camera", points: 8, value: 88, labels: "payments,mobile", kr: "first-pay-time",
		accept: "- Card number and expiry are read from embossed and flat cards\n- The user can always type the number instead"},
	{key: "threeds", title: "3-D Secure challenge on the first payment", points: 5, value: 82, labels: "payments,compliance", kr: "card-success",
		accept: "- The challenge is shown in-app for 3DS2 cards\n- 3DS1 cards fall back to a web view\n- Abandoned challenges are reported to analytics"},
	{key: "first-pay-guide", title: "首次付款引导页", points: 3, value: 70, labels: "onboarding,ux", kr: "activation-7d",
		desc: "新用户绑卡后，用三步引导完成第一笔付款。"},
	{key: "funnel", title: "Activation funnel dashboard", points: 5, value: 65, labels: "analytics", kr: "activation-7d",
		desc: "One dashboard: signed up → verified → card added → first payment, by week and platform."},
	{key: "decline-msgs", title: "Friendly messages for declined cards", points: 3, value: 55, labels: "payments,ux", kr: "card-success"},
	{key: "referral", title: "Referral code at sign-up", points: 3, value: 50, labels: "growth,signup"},

	{title: "Apple Pay and Google Pay as a first payment method", points: 13, value: 78, labels: "payments,mobile", kr: "first-pay-time"},
	{title: "Pay a friend by phone number", points: 8, value: 72, labels: "payments,p2p"},
	{title: "Retry a failed card payment automatically once", points: 5, value: 60, labels: "payments,backend", kr: "card-success"},
	{title: "Dispute a payment from the transaction detail", points: 8, value: 58, labels: "payments,support", kr: "chargebacks"},
	{title: "Chargeback alerts from the card network", points: 5, value: 62, labels: "risk,backend", kr: "chargebacks"},
	{title: "Velocity rules for new accounts", points: 8, value: 66, labels: "risk,backend", kr: "chargebacks",
		desc: "Limit the amount and count of payments in an account's first 72 hours; the risk team edits the rules without a release."},
	{title: "新用户首周任务清单", points: 5, value: 64, labels: "onboarding,growth", kr: "activation-7d",
		desc: "首页展示三项新手任务：绑卡、首次付款、邀请好友，全部完成后给予小额奖励。"},
	{title: "Push reminder when sign-up is left unfinished", points: 2, value: 58, labels: "onboarding,notifications", kr: "activation-7d"},
	{title: "Email fallback when SMS codes do not arrive", points: 3, value: 40, labels: "signup,backend"},
	{title: "Localise sign-up into Spanish and Portuguese", points: 5, value: 45, labels: "i18n"},
	{title: "支持港澳居民来往内地通行证开户", points: 8, value: 35, labels: "kyc"},
	{title: "Dark mode for the onboarding screens", points: 3, value: 20, labels: "ux,mobile"},
	{title: "Accessibility audit of the sign-up flow", points: 5, value: 48, labels: "a11y,ux",
		accept: "- Every control has a screen-reader label\n- Contrast passes WCAG AA\n- The flow can be completed with VoiceOver and TalkBack"},
	{title: "In-app chat with support during sign-up", points: 13, value: 42, labels: "support"},
	{title: "Remember the device to skip SMS codes", points: un, value: 38, labels: "signup,security"},
	{title: "Spending insights on the home screen", points: 20, value: 30, labels: "insights"},
	{title: "Split a bill with friends", points: 13, value: 44, labels: "payments,p2p"},
	{title: "Freeze and unfreeze a card", points: 3, value: 57, labels: "payments,security", kr: "app-rating"},
	{title: "Monthly statement as a PDF", points: 5, value: 25, labels: "payments"},
	{title: "Ask for an app rating after the third successful payment", points: 1, value: 40, labels: "growth", kr: "app-rating"},
	{title: "Upgrade the payment gateway SDK to v5", points: 5, value: 35, labels: "tech-debt,payments"},
	{title: "Remove the legacy web sign-up", points: 3, value: 30, labels: "tech-debt,signup"},
	{title: "Crash-free sessions above 99.8% on Android", points: 8, value: 52, labels: "quality,mobile", kr: "app-rating"},
	{title: "优化应用冷启动速度", points: 8, value: 50, labels: "performance,mobile", kr: "app-rating",
		desc: "低端安卓机冷启动超过4秒，目标是降到2秒以内。"},
	{title: "Contract tests for the KYC provider API", points: 3, value: 33, labels: "quality,kyc"},
	{title: "Feature flags for onboarding experiments", points: 5, value: 46, labels: "growth,tech-debt"},
	{title: "A/B test a shorter sign-up form", points: 3, value: 55, labels: "growth,signup", kr: "signup-rate"},
	{title: "Top up the wallet by bank transfer", points: 8, value: 49, labels: "payments"},
	{title: "Cashback on the first three payments", points: un, value: 47, labels: "growth,payments", kr: "activation-7d"},
	{title: "Business accounts for sole traders", points: 40, value: 28, labels: "accounts"},
	{title: "Multi-currency wallet", points: 100, value: 22, labels: "payments"},
	{title: "Log in with Face ID or fingerprint", points: 2, value: 50, labels: "security,mobile"},
	{title: "Export transactions to CSV", points: un, value: 18, labels: "payments"},
}

// scopeStory is the bug found in testing and pulled into sprint 1 on day 4.
var scopeStory = storySpec{key: "keyboard-bug", title: "修复：安卓小屏设备上注册按钮被键盘遮挡", points: 2, value: 70, labels: "bug,mobile",
	desc: "在5英寸安卓手机上，输入手机号时键盘遮住了“下一步”按钮。"}

// feedbackStories come out of sprint 1's review.
var feedbackStories = []storySpec{
	{title: "Let users retake the ID photo before submitting", points: 2, value: 60, labels: "kyc,ux", kr: "signup-rate",
		desc: "From the sprint review: the compliance team watched testers submit blurry photos because there was no retake button."},
	{title: "Explain why we need a selfie", points: 1, value: 45, labels: "kyc,ux",
		desc: "From the sprint review: two testers stopped at the selfie step, worried about privacy."},
	{title: "Show the reviewer's reason when verification fails", points: un, value: 52, labels: "kyc,support"},
}

type taskSpec struct {
	story   string // key of its story
	title   string
	hours   float64
	owner   string // who claims it; "" = nobody yet (the lead adds it)
	start   int    // working day it is claimed and started; 0 = not yet
	end     int    // working day it is done; past the last simulated day = still in progress
	block   int    // working day it is flagged blocked; 0 = never
	unblock int    // working day the block clears; 0 = still blocked
	reason  string
}

const (
	sprint1Goal = "New users can verify their identity inside the app without leaving the sign-up flow"
	sprint2Goal = "A new user can add a card and make a first payment in under three minutes"
)

var sprint1Stories = []string{"kyc-scan", "liveness", "kyc-pending", "phone-otp", "resume"}

var sprint1Tasks = []taskSpec{
	{story: "kyc-scan", title: "Integrate the document scanner SDK", hours: 12, owner: "wei", start: 1, end: 3},
	{story: "kyc-scan", title: "Camera permission prompt and fallback to upload", hours: 5, owner: "tomas", start: 2, end: 3},
	{story: "kyc-scan", title: "Upload scans to the KYC provider", hours: 8, owner: "lucas", start: 3, end: 4},
	{story: "liveness", title: "Liveness SDK in the sign-up flow", hours: 8, owner: "wei", start: 4, end: 5},
	{story: "liveness", title: "Retry and timeout states for the selfie step", hours: 6, owner: "tomas", start: 5, end: 7},
	{story: "kyc-pending", title: "Pending verification screen", hours: 6, owner: "tomas", start: 8, end: 9},
	{story: "kyc-pending", title: "Push notification when the account is verified", hours: 5, owner: "maya", start: 7, end: 8},
	{story: "phone-otp", title: "OTP request and verify endpoints", hours: 10, owner: "lucas", start: 1, end: 7,
		block: 3, unblock: 5, reason: "SMS provider sandbox account not approved yet"},
	{story: "phone-otp", title: "Auto-read the SMS code on Android", hours: 4, owner: "wei", start: 6, end: 7},
	{story: "phone-otp", title: "Rate-limit OTP requests", hours: 4, owner: "priya", start: 2, end: 3},
	{story: "resume", title: "Persist the draft profile on the server", hours: 16, owner: "priya", start: 4, end: 9},
	{story: "resume", title: "Resume prompt on app launch", hours: 6, owner: "wei", start: 8, end: 11},
	{story: "resume", title: "End-to-end test for the resume flow", hours: 6},
}

// scopeTask breaks down the scope-change bug of sprint 1 (day 4).
var scopeTask = taskSpec{story: "keyboard-bug", title: "Adjust the sign-up layout for keyboard insets", hours: 3, owner: "tomas", start: 4, end: 4}

type cardSpec struct {
	day    int // working day of sprint 1 it is written
	author string
	column int // 0 went well, 1 to improve, 2 actions
	text   string
}

var retroCards = []cardSpec{
	{5, "lucas", 1, "We lost two days waiting for the SMS provider's sandbox account. Vendor access should be sorted before the sprint starts."},
	{8, "tomas", 0, "Testing the ID scan with the compliance team mid-sprint caught the glare problem early."},
	{10, "wei", 0, "文档扫描 SDK 接入很顺利，上个冲刺做的技术预研很值。"},
	{10, "priya", 0, "Pairing with Lucas on OTP rate limits found two edge cases before review."},
	{10, "priya", 1, "\"Persist the draft profile\" was a 16-hour task and took five days; we only saw it slip on day 7."},
	{10, "wei", 1, "恢复注册流程的任务拆得太大，估算偏差明显。"},
	{10, "maya", 2, "Ask vendors for sandbox access during backlog refinement."},
	{10, "lucas", 2, "Split any task above 12 hours at planning."},
}

type actionSpec struct{ text, owner string }

var retroActions = []actionSpec{
	{"Request vendor sandbox access during backlog refinement, before planning", "lucas"},
	{"Split tasks above 12 hours during sprint planning", "priya"},
}

// sprint2Stories are pulled in at planning; "action1" and "action2" are the
// retro actions' stories, "resume" came back unfinished from sprint 1.
var sprint2Stories = []string{"resume", "action1", "action2", "card-scan", "threeds", "first-pay-guide", "funnel", "decline-msgs", "referral"}

var sprint2Tasks = []taskSpec{
	{story: "resume", title: "Finish the resume prompt on app launch", hours: 3, owner: "wei", start: 1, end: 1},
	{story: "resume", title: "End-to-end test for the resume flow", hours: 6, owner: "priya", start: 1, end: 3},
	{story: "action1", title: "Add a vendor-access check to the refinement checklist", hours: 2, owner: "lucas", start: 1, end: 1},
	{story: "action2", title: "Add the 12-hour split rule to the planning checklist", hours: 2, owner: "priya", start: 2, end: 2},
	{story: "card-scan", title: "Card scanning with the camera", hours: 10, owner: "wei", start: 2, end: 4},
	{story: "card-scan", title: "Card number validation and brand detection", hours: 5, owner: "lucas", start: 1, end: 2},
	{story: "card-scan", title: "Tokenise the card through the payment gateway", hours: 12, owner: "lucas", start: 3, end: 8},
	{story: "threeds", title: "Integrate the 3DS2 SDK", hours: 12, owner: "maya", start: 2, end: 8,
		block: 5, reason: "Gateway has not enabled 3DS2 on our merchant account (ticket open)"},
	{story: "threeds", title: "Web view fallback for 3DS1 cards", hours: 6},
	{story: "first-pay-guide", title: "设计首次付款引导动画", hours: 6, owner: "tomas", start: 1, end: 3},
	{story: "first-pay-guide", title: "实现引导页并接入埋点", hours: 8, owner: "wei", start: 5, end: 7},
	{story: "funnel", title: "Agree the activation events with product", hours: 3, owner: "priya", start: 1, end: 1},
	{story: "funnel", title: "Send activation events to the analytics pipeline", hours: 8, owner: "priya", start: 4, end: 7},
	{story: "funnel", title: "Build the funnel dashboard", hours: 6},
	{story: "decline-msgs", title: "Map gateway decline codes to messages", hours: 5},
	{story: "decline-msgs", title: "Review the decline copy with the UX writer", hours: 2},
	{story: "referral", title: "Referral code field and validation", hours: 6},
	{story: "referral", title: "Credit the referral bonus after the first payment", hours: 8},
}

type noteSpec struct {
	day                      int // working day of sprint 2
	member                   string
	yesterday, today, blocks string
}

var notes = []noteSpec{
	{2, "wei", "Finished the resume prompt; it is in review.", "Start card scanning with the camera.", ""},
	{2, "priya", "Agreed the activation events with Maya; started the resume E2E test.", "Finish the E2E test, then the planning checklist.", ""},
	{2, "lucas", "Card number validation: Luhn check and brand icons work.", "Finish validation, then look at tokenisation.", ""},
	{3, "tomas", "First-payment guide animation: two variants ready for review.", "Polish the chosen variant and hand it to Wei.", ""},
	{3, "maya", "Set up the 3DS2 SDK in a test project.", "Show the 3DS2 challenge screen in the payment flow.", ""},
	{3, "lucas", "Validation merged.", "Tokenisation against the gateway sandbox.", ""},
	{4, "wei", "相机扫卡基本完成，还差暗光环境下的识别率测试。", "完成扫卡，准备开始首次付款引导页。", ""},
	{4, "priya", "Resume E2E test is green on CI.", "Start sending activation events to the pipeline.", ""},
	{5, "lucas", "Tokenisation works against the gateway sandbox.", "Error handling and idempotency keys for tokenisation.", ""},
	{5, "maya", "3DS2 challenge renders in the sandbox.", "Test with real cards on staging.",
		"Not sure 3DS2 is enabled on our merchant account; asked the gateway."},
	{6, "maya", "3DS2 fails on staging: the gateway has not enabled it on our merchant account.", "Chase the gateway's account manager; pair with Lucas on tokenisation meanwhile.",
		"3DS2 not enabled on our merchant account (ticket open with the gateway)."},
	{6, "wei", "扫卡已合并；引导页开始开发。", "引导页接入埋点，和 Priya 对齐事件名称。", ""},
	{6, "priya", "Activation events flowing from Android; iOS next.", "iOS events, then start on the funnel dashboard if nobody has.", ""},
}

// krMoves are the key-result readings taken along the way: sprint (1 or 2), working day, key, value.
type krMove struct {
	sprint, day int
	kr          string
	value       float64
}

var krMoves = []krMove{
	{1, 7, "app-rating", 4.3},
	{1, 10, "activation-7d", 34},
	{1, 10, "signup-rate", 67},
	{2, 3, "activation-7d", 38},
	{2, 4, "card-success", 96.1},
	{2, 5, "first-pay-time", 7.5},
}
