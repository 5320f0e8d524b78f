package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"huddle/store"
	"huddle/ui/common"
	"huddle/ui/i18n"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/cobra"
)

// zhEnv is testEnv with the environment asking for Chinese.
func zhEnv(env map[string]string) map[string]string {
	out := map[string]string{"HUDDLE_LANG": "zh"}
	for k, v := range env {
		out[k] = v
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// usageLines are the lines of a help text that are command lines: the usage
// and the examples, which never change with the language.
func usageLines(help string) []string {
	var out []string
	for _, l := range strings.Split(help, "\n") {
		if strings.HasPrefix(l, "  huddle ") {
			out = append(out, l)
		}
	}
	return out
}

// helpUntranslated are commands whose help belongs to a file this test's
// catalog rooms do not cover yet (demo.go).
var helpUntranslated = []string{}

func TestHelpInChinese(t *testing.T) {
	zh := i18n.For(i18n.ZH)
	out, errOut, code := huddle(t, map[string]string{"HUDDLE_LANG": "zh"}, "--help")
	for _, want := range []string{"用法：", "可用命令：", "参数：", zh.T("cmd.story.short"), "huddle [command]", "--db string", "--as string", "查看某个命令的详细说明"} {
		if code != 0 || errOut != "" || !strings.Contains(out, want) {
			t.Fatalf("huddle --help in Chinese lacks %q (code %d, err %q):\n%s", want, code, errOut, out)
		}
	}
	for _, english := range []string{"Usage:", "Available Commands:", "Flags:", "for more information", "The product backlog"} {
		if strings.Contains(out, english) {
			t.Errorf("huddle --help in Chinese still says %q", english)
		}
	}

	// One command in detail: its flags keep their names and value names,
	// and pflag's "(default ...)" is written in Chinese.
	out, _, _ = huddle(t, map[string]string{"HUDDLE_LANG": "zh"}, "story", "add", "--help")
	en, _, _ := huddle(t, nil, "story", "add", "--help")
	for _, want := range []string{zh.T("cmd.story.add.short"), "--points string", "（默认 \"?\"）", "-h, --help", "add 的帮助", "全局参数："} {
		if !strings.Contains(out, want) {
			t.Errorf("story add --help in Chinese lacks %q:\n%s", want, out)
		}
	}
	if !slices.Equal(usageLines(out), usageLines(en)) || len(usageLines(en)) < 2 {
		t.Errorf("the command lines changed with the language:\n%q\n%q", usageLines(out), usageLines(en))
	}

	// Every command: cobra's words are Chinese, its own text is, and the
	// command lines are the English ones.
	var walk func(c *cobra.Command, path []string)
	n := 0
	walk = func(c *cobra.Command, path []string) {
		args := append(append([]string{}, path...), "--help")
		out, _, code := huddle(t, map[string]string{"HUDDLE_LANG": "zh"}, args...)
		en, _, _ := huddle(t, nil, args...)
		n++
		name := strings.Join(path, " ")
		if code != 0 || !strings.Contains(out, "\n\n用法：\n") {
			t.Errorf("huddle %s --help: code %d, no 用法：\n%s", name, code, out)
		}
		for _, english := range []string{"Usage:", "Flags:", "Global Flags:", "Available Commands:", "for more information", "help for "} {
			if strings.Contains(out, english) {
				t.Errorf("huddle %s --help in Chinese says %q", name, english)
			}
		}
		if !slices.Contains(helpUntranslated, name) && !hasHan(strings.SplitN(out, "\n", 2)[0]) {
			t.Errorf("huddle %s --help: the text is not Chinese: %q", name, strings.SplitN(out, "\n", 2)[0])
		}
		if !slices.Equal(usageLines(out), usageLines(en)) {
			t.Errorf("huddle %s --help: command lines differ:\n%q\n%q", name, usageLines(out), usageLines(en))
		}
		for _, sub := range c.Commands() {
			if !sub.Hidden && sub.Name() != "help" && !slices.Contains(helpUntranslated, sub.Name()) {
				walk(sub, append(append([]string{}, path...), sub.Name()))
			}
		}
	}
	root := newRootCmd(newEnv(nil, nil, func(string) string { return "" }))
	walk(root, nil)
	if n < 100 {
		t.Fatalf("walked only %d commands", n)
	}
}

func TestCobraErrorsAreTranslated(t *testing.T) {
	env, _ := testEnv(t)
	ok(t, env, "member", "add", "alice")
	cases := []struct {
		format string
		values []any
		args   []string
		zh     string
	}{
		{"unknown command %q for %q", []any{"stroy", "huddle"}, []string{"stroy"}, "未知命令 \"stroy\""},
		{"unknown flag: --%s", []any{"bogus"}, []string{"story", "add", "x", "--bogus"}, "未知参数：--bogus"},
		{"flag needs an argument: --%s", []any{"limit"}, []string{"story", "list", "--limit"}, "参数需要一个值：--limit"},
		{"invalid argument %q for %q flag: %v", []any{"x", "--limit", `strconv.ParseInt: parsing "x": invalid syntax`}, []string{"story", "list", "--limit", "x"}, "参数的值 \"x\" 无效"},
		{"requires at least %d arg(s), only received %d", []any{1, 0}, []string{"story", "add"}, "至少需要 1 个参数，只给了 0 个"},
		{"accepts at most %d arg(s), received %d", []any{1, 2}, []string{"sprint", "show", "1", "2"}, "最多接受 1 个参数，给了 2 个"},
		{"accepts %d arg(s), received %d", []any{1, 0}, []string{"task", "claim"}, "需要 1 个参数，给了 0 个"},
		{"accepts between %d and %d arg(s), received %d", []any{1, 2, 0}, []string{"poker", "vote"}, "需要 1 到 2 个参数，给了 0 个"},
	}
	tried := map[string]bool{}
	for _, c := range cases {
		_, errOut, code := huddle(t, env, c.args...)
		if want := "huddle: " + fmt.Sprintf(c.format, c.values...) + "\n"; code == 0 || errOut != want {
			t.Errorf("huddle %s: %q, want %q (cobra's words changed?)", strings.Join(c.args, " "), errOut, want)
			continue
		}
		tried[c.format] = true
		_, errOut, _ = huddle(t, zhEnv(env), c.args...)
		if !strings.HasPrefix(errOut, "huddle: ") || !strings.Contains(errOut, c.zh) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("huddle %s in Chinese: %q, want %q", strings.Join(c.args, " "), errOut, c.zh)
		}
	}
	for _, f := range cobraErrors() {
		if !tried[f] {
			t.Errorf("no case makes %q", f)
		}
	}
}

// demoEnv writes the demo team and returns the environment to read it.
func demoEnv(t *testing.T) map[string]string {
	t.Helper()
	env, db := testEnv(t)
	env["HUDDLE_NOW"] = "2026-11-30T09:30:00Z"
	env["USER"] = "maya"
	ok(t, env, "demo", "--db", db)
	return env
}

// columnAt is the display column where cell starts on line (-1: absent).
func columnAt(line, cell string) int {
	i := strings.Index(line, cell)
	if i < 0 {
		return -1
	}
	return common.Width(line[:i])
}

func TestTablesAlignByDisplayWidth(t *testing.T) {
	env := demoEnv(t)
	for _, lang := range []struct {
		env        map[string]string
		head, role string
	}{{env, "ROLE", "member"}, {zhEnv(env), "角色", "成员"}} {
		out := ok(t, lang.env, "member", "list")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		want := columnAt(lines[0], lang.head)
		var wei string
		for _, l := range lines[1:] {
			if strings.HasPrefix(l, "wei ") {
				wei = l
			}
			if c := columnAt(l, "  "+lang.role) + 2; strings.Contains(l, "  "+lang.role+" ") && c != want {
				t.Errorf("member list: %q starts its role at column %d, the header at %d:\n%s", l, c, want, out)
			}
		}
		if !strings.Contains(wei, "王伟") || columnAt(wei, lang.role) != want {
			t.Errorf("member list: 王伟's row is not aligned with the header:\n%s", out)
		}
	}
	// The burndown's right-aligned columns end at the same display column.
	out := ok(t, zhEnv(env), "sprint", "burndown")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")[1:]
	if len(lines) < 3 || !strings.Contains(lines[0], "剩余") {
		t.Fatalf("burndown in Chinese:\n%s", out)
	}
	for _, l := range lines[1:] {
		if common.Width(l) != common.Width(lines[0]) {
			t.Errorf("burndown row %q is %d cells wide, the header %d:\n%s", l, common.Width(l), common.Width(lines[0]), out)
		}
	}
}

func TestOutputInChinese(t *testing.T) {
	env := demoEnv(t)
	zh := zhEnv(env)

	out := ok(t, zh, "story", "list", "--limit", "12")
	for _, want := range []string{"点数", "价值", "状态", "标题", "首次付款引导页", "已计划", "S-8"} {
		if !strings.Contains(out, want) {
			t.Errorf("story list in Chinese lacks %q:\n%s", want, out)
		}
	}
	if en := ok(t, env, "story", "list", "--limit", "12"); !strings.Contains(en, "PTS") || !strings.Contains(en, "planned") {
		t.Errorf("story list in English:\n%s", en)
	}

	out = ok(t, zh, "sprint", "show")
	for _, want := range []string{"（进行中）", "第 6/10 天", "目标：", "可用工时", "T-15"} {
		if !strings.Contains(out, want) {
			t.Errorf("sprint show in Chinese lacks %q:\n%s", want, out)
		}
	}

	// The sprint report: Chinese headings around the team's own words.
	md := ok(t, zh, "export", "--format", "md", "--sprint", "1")
	for _, want := range []string{"# 冲刺报告：#1 Sprint 1", "**目标：**", "## 承诺与完成", "| 承诺 |", "## 燃尽图", "| 天 | 日期 | 剩余工时 |", "## 提出的阻碍", "## 评审反馈", "## 回顾", "### 做得好的", "### 约定的改进行动", "(8 点)", "修复：安卓小屏设备上注册按钮被键盘遮挡"} {
		if !strings.Contains(md, want) {
			t.Errorf("export --format md in Chinese lacks %q:\n%s", want, md)
		}
	}
	for _, english := range []string{"Sprint report", "Committed and done", "Burndown", "Blockers raised", "Went well", "Hours left"} {
		if strings.Contains(md, english) {
			t.Errorf("export --format md in Chinese still says %q", english)
		}
	}
	if en := ok(t, env, "export", "--format", "md", "--sprint", "1"); !strings.HasPrefix(en, "# Sprint report: #1 Sprint 1") {
		t.Errorf("export --format md in English:\n%.200s", en)
	}
	// JSON never changes with the language.
	if a, b := ok(t, env, "export", "--format", "json"), ok(t, zh, "export", "--format", "json"); a != b {
		t.Error("export --format json differs between English and Chinese")
	}
	if a, b := ok(t, env, "member", "list", "--json"), ok(t, zh, "member", "list", "--json"); a != b {
		t.Error("member list --json differs between English and Chinese")
	}

	// An error made by the backlog's rules, written by finish in Chinese.
	_, errOut, code := huddle(t, zh, "story", "add", "")
	if code == 0 || errOut != "huddle: 故事需要一个标题\n" {
		t.Errorf("story add \"\" in Chinese: %d %q", code, errOut)
	}
	fails(t, env, "a story needs a title", "story", "add", "")
	// And one ui/cli makes itself.
	_, errOut, _ = huddle(t, zh, "export", "--format", "pdf")
	if errOut != "huddle: 未知的导出格式 \"pdf\"：请用 json 或 md\n" {
		t.Errorf("export --format pdf in Chinese: %q", errOut)
	}

	// A member's own language wins over the environment's once the store
	// says who acts.
	ok(t, env, "member", "edit", "wei", "--lang", "zh")
	wei := map[string]string{}
	for k, v := range env {
		wei[k] = v
	}
	wei["USER"] = "wei"
	if out := ok(t, wei, "task", "list", "--mine"); !strings.Contains(out, "剩余") {
		t.Errorf("wei chose Chinese, task list --mine says:\n%s", out)
	}
}

// fmtArgs maps each argument a format uses to its verb letter, following
// explicit indexes (%[2]s) the way fmt does.
func fmtArgs(format string) map[int]byte {
	verb := regexp.MustCompile(`%(?:%|(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z]))`)
	out := map[int]byte{}
	next := 1
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		if m[0] == "%%" {
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1])
		}
		v := m[2][0]
		if v == 'w' || v == 'v' || v == 'q' {
			v = 's' // text either way
		}
		out[next] = v
		next++
	}
	return out
}

func flatten(prefix string, m map[string]any, out map[string]string) {
	for k, v := range m {
		switch v := v.(type) {
		case map[string]any:
			flatten(prefix+k+".", v, out)
		case string:
			out[prefix+k] = v
		}
	}
}

// TestTranslationsFillTheSameValues checks the fmt formats of this package's
// catalog rooms: a translation uses every value of the English text, with a
// verb of the same kind (a %d stays a number), so no line prints %!d(string=…).
func TestTranslationsFillTheSameValues(t *testing.T) {
	read := func(name string) map[string]string {
		buf, err := os.ReadFile(filepath.Join("..", "i18n", "locales", name))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := toml.Unmarshal(buf, &m); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		flatten("", m, out)
		return out
	}
	for _, room := range []string{"cli", "cmd", "report"} {
		en, zh := read(room+".en.toml"), read(room+".zh.toml")
		for id, e := range en {
			z, ok := zh[id]
			if !ok && strings.HasSuffix(id, ".one") {
				continue // Chinese has no singular
			}
			if a, b := fmtArgs(e), fmtArgs(z); fmt.Sprint(a) != fmt.Sprint(b) {
				t.Errorf("%s: English fills %v, Chinese %v\n  %q\n  %q", id, a, b, e, z)
			}
		}
	}
}

// TestRemoteHelpInChinese: over SSH a member who chose Chinese reads the
// remote tree's help in Chinese, with its own usage and examples.
func TestRemoteHelpInChinese(t *testing.T) {
	env, db := testEnv(t)
	ok(t, env, "demo", "--db", db)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	call := func(args ...string) string {
		var out, errOut bytes.Buffer
		e := newEnv(&out, &errOut, func(string) string { return "" })
		e.remote = remote{store: st, actor: "wei"}
		e.useLang("zh")
		if code := runRemote(args, e); code != 0 {
			t.Fatalf("%s over SSH: %d %s", strings.Join(args, " "), code, errOut.String())
		}
		return out.String()
	}
	zh := i18n.For(i18n.ZH)
	out := call("--help")
	for _, want := range []string{"用法：", "这些命令在服务器上团队的 huddle 中运行", "ssh -p 2222 HOST import - < stories.csv", "可用命令："} {
		if !strings.Contains(out, want) {
			t.Errorf("--help over SSH in Chinese lacks %q:\n%s", want, out)
		}
	}
	out = call("export", "--help")
	first := strings.SplitN(zh.T("cmd.remote.export.long"), "\n", 2)[0]
	for _, want := range []string{first, "export --format json|md [--sprint N]", "ssh -p 2222 HOST export --format md --sprint 3 > sprint-3.md", "--format string"} {
		if !strings.Contains(out, want) {
			t.Errorf("export --help over SSH in Chinese lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "--out") || strings.Contains(out, "Usage:") {
		t.Errorf("export --help over SSH:\n%s", out)
	}
}

// BenchmarkCommandTreeInChinese times what every invocation pays before its
// command runs: building the whole command tree (about 130 commands) with
// its help texts from the catalog, in Chinese. The catalog itself is parsed
// once per process, before the timer starts.
func BenchmarkCommandTreeInChinese(b *testing.B) {
	env := newEnv(nil, nil, func(k string) string {
		if k == "HUDDLE_LANG" {
			return "zh"
		}
		return ""
	})
	newRootCmd(env)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		newRootCmd(env)
	}
}

// `huddle version` and `--version` print one line, the release first (what
// scripts read), the rest in the reader's language.
func TestVersionInChinese(t *testing.T) {
	zh := map[string]string{"HUDDLE_LANG": "zh"}
	line := ok(t, zh, "version")
	if !strings.HasPrefix(line, "huddle "+version+"（文件格式版本 ") || ok(t, zh, "--version") != line {
		t.Fatalf("version in Chinese: %q, --version: %q", line, ok(t, zh, "--version"))
	}
	if en := ok(t, nil, "version"); !strings.HasPrefix(en, "huddle "+version+" (file schema ") {
		t.Fatalf("version in English: %q", en)
	}
}
