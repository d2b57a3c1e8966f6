//! Line breaking for mixed Chinese/Latin text: per-character CJK breaks, whole Latin runs, kinsoku.

/// Characters that must not start a line (closing punctuation).
const NO_START: &str = "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}";
/// Characters that must not end a line (opening punctuation).
const NO_END: &str = "（《「『【〔〈“‘([{";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Breakable, collapsible space.
    Space,
    /// One CJK character (or full-width form): a break is allowed on either side.
    Cjk,
    /// A run of Latin letters, digits and ASCII punctuation kept together when possible.
    Word,
}

fn kind(c: char) -> Kind {
    if c != '\u{3000}' && c.is_whitespace() {
        Kind::Space
    } else if c >= '\u{2E80}' || (!c.is_ascii() && (NO_END.contains(c) || NO_START.contains(c))) {
        Kind::Cjk
    } else {
        Kind::Word
    }
}

/// Splits one paragraph into tokens of a single kind.
fn tokens(paragraph: &str) -> Vec<(Kind, String)> {
    let mut out: Vec<(Kind, String)> = Vec::new();
    for c in paragraph.chars().filter(|c| !c.is_control() || *c == '\t') {
        let k = kind(c);
        match out.last_mut() {
            Some((last, s)) if *last == k && k != Kind::Cjk => s.push(c),
            _ => out.push((k, c.to_string())),
        }
    }
    out
}

struct Lines<'a, F: Fn(char) -> f32> {
    max: f32,
    advance: &'a F,
    done: Vec<String>,
    line: Vec<(Kind, String, f32)>,
    used: f32,
}

impl<F: Fn(char) -> f32> Lines<'_, F> {
    fn width(&self, s: &str) -> f32 {
        s.chars().map(self.advance).sum()
    }

    fn push(&mut self, kind: Kind, text: String, w: f32) {
        self.used += w;
        self.line.push((kind, text, w));
    }

    /// Ends the current line as it is (trailing spaces dropped).
    fn flush(&mut self) {
        while self.line.last().is_some_and(|(k, _, _)| *k == Kind::Space) {
            self.line.pop();
        }
        let text: String = self.line.drain(..).map(|(_, s, _)| s).collect();
        self.done.push(text);
        self.used = 0.0;
    }

    /// Ends the current line before token `next`, moving tokens down so that `next` does not
    /// start a line with closing punctuation and the line does not end with an opening one.
    fn break_before(&mut self, next: &str) {
        let mut carry = Vec::new();
        let ends_bad = |line: &[(Kind, String, f32)]| {
            line.last()
                .and_then(|(_, s, _)| s.chars().last())
                .is_some_and(|c| NO_END.contains(c))
        };
        if next.chars().next().is_some_and(|c| NO_START.contains(c))
            && self.line.len() > 1
            && self.line.last().is_some_and(|(k, _, _)| *k != Kind::Space)
            && let Some(last) = self.line.pop()
        {
            carry.push(last);
        }
        while self.line.len() > 1
            && ends_bad(&self.line)
            && let Some(last) = self.line.pop()
        {
            carry.insert(0, last);
        }
        self.flush();
        for (k, s, w) in carry {
            self.push(k, s, w);
        }
    }

    fn add(&mut self, kind: Kind, text: String) {
        if kind == Kind::Space && self.line.is_empty() {
            return;
        }
        let w = self.width(&text);
        if kind == Kind::Space || self.used + w <= self.max {
            // Spaces may overflow: they are trimmed when the line breaks.
            self.push(kind, text, w);
            return;
        }
        if kind == Kind::Word && w > self.max {
            // A Latin run longer than a whole line: start a fresh line, split by character.
            if !self.line.is_empty() {
                self.flush();
            }
            for c in text.chars() {
                let cw = (self.advance)(c);
                if !self.line.is_empty() && self.used + cw > self.max {
                    self.flush();
                }
                self.push(Kind::Word, c.to_string(), cw);
            }
            return;
        }
        if !self.line.is_empty() {
            self.break_before(&text);
            if !self.line.is_empty() && self.used + w > self.max {
                // Carried tokens plus this one overflow: give up on kinsoku for this break.
                self.flush();
            }
        }
        self.push(kind, text, w);
    }
}

/// Wraps `text` into lines no wider than `max_width` (except a single too-wide character).
///
/// `advance` gives each character's width. `\n` forces a break; empty paragraphs are kept
/// as empty lines, but leading/trailing blank input yields no lines.
pub(crate) fn wrap(text: &str, max_width: f32, advance: impl Fn(char) -> f32) -> Vec<String> {
    let mut lines = Lines {
        max: max_width,
        advance: &advance,
        done: Vec::new(),
        line: Vec::new(),
        used: 0.0,
    };
    let blank = |c: char| c != '\u{3000}' && c.is_whitespace();
    for paragraph in text.trim_matches(blank).split('\n') {
        for (kind, token) in tokens(paragraph) {
            lines.add(kind, token);
        }
        lines.flush();
    }
    if lines.done.iter().all(String::is_empty) {
        return Vec::new();
    }
    lines.done
}

#[cfg(test)]
mod tests {
    use super::super::test_font;
    use super::*;

    /// CJK characters are 1.0 wide, everything else 0.5.
    fn adv(c: char) -> f32 {
        if kind(c) == Kind::Cjk { 1.0 } else { 0.5 }
    }

    fn width(s: &str) -> f32 {
        s.chars().map(adv).sum()
    }

    #[test]
    fn long_chinese_wraps_per_character() {
        let text = "广东省广州市天河区珠江新城华夏路十号富力中心二十三楼";
        let lines = wrap(text, 10.0, adv);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[0].chars().count(), 10);
        assert!(lines.iter().all(|l| width(l) <= 10.0));
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn ascii_word_is_not_split_when_it_fits() {
        // "地址Room1203" : the run "Room1203" (4.0 wide) does not fit after 7 CJK chars.
        let lines = wrap("广州市天河区路Room1203室", 8.0, adv);
        assert_eq!(lines, vec!["广州市天河区路", "Room1203室"]);
        let lines = wrap("hello world again", 6.0, adv);
        assert_eq!(lines, vec!["hello world", "again"]);
    }

    #[test]
    fn over_long_ascii_run_is_split() {
        let id = "44010619900101123X44010619900101123X";
        let lines = wrap(&format!("号码{id}"), 6.0, adv);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines[0], "号码");
        assert!(lines.iter().all(|l| width(l) <= 6.0), "{lines:?}");
        assert_eq!(lines.concat(), format!("号码{id}"));
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = wrap("一二三四五，六七", 5.0, adv);
        assert_eq!(lines, vec!["一二三四", "五，六七"]);
        let lines = wrap("一二三（四五六", 4.0, adv);
        assert_eq!(lines, vec!["一二三", "（四五六"]);
    }

    #[test]
    fn newlines_spaces_and_empty_input() {
        assert!(wrap("", 5.0, adv).is_empty());
        assert!(wrap("  \n ", 5.0, adv).is_empty());
        assert_eq!(wrap("甲\n\n乙", 5.0, adv), vec!["甲", "", "乙"]);
        assert_eq!(wrap("a  b", 1.0, adv), vec!["a", "b"]);
        assert_eq!(
            wrap("\u{3000}\u{3000}本人", 10.0, adv),
            vec!["\u{3000}\u{3000}本人"]
        );
        assert_eq!(wrap("甲\r\n乙", 5.0, adv), vec!["甲", "乙"]);
    }

    #[test]
    fn tiny_width_still_terminates() {
        let lines = wrap("职业abc", 0.1, adv);
        assert_eq!(lines.concat(), "职业abc");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn real_font_lines_fit_the_width() {
        let font = test_font();
        let text = "本人承诺：所填写的个人信息及提交的证明材料真实、准确、有效，如有虚假，\
                    本人自愿承担由此产生的一切后果。Email: candidate.name@example.com";
        let max = 400.0;
        let lines = wrap(text, max, |c| font.advance(c, 22.0));
        assert!(lines.len() >= 3, "{lines:?}");
        for l in &lines {
            assert!(font.width(l, 22.0) <= max, "{l} is {}", font.width(l, 22.0));
        }
        assert!(
            lines
                .iter()
                .any(|l| l.contains("candidate.name@example.com"))
        );
    }

    #[test]
    fn no_character_is_lost_and_lines_fit() {
        let alphabet: Vec<char> = "职业技能（）《》，。、：“”ab1-. 9Z@\u{3000}"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for _ in 0..3000 {
            let len = next() % 40;
            let text: String = (0..len)
                .map(|_| alphabet[next() as usize % alphabet.len()])
                .collect();
            let max = 0.5 + (next() % 24) as f32 * 0.5;
            let lines = wrap(&text, max, adv);
            let squash = |s: &str| s.chars().filter(|c| !kind_is_space(*c)).collect::<String>();
            assert_eq!(
                squash(&lines.concat()),
                squash(&text),
                "{text:?} at {max}: {lines:?}"
            );
            for l in &lines {
                assert!(
                    width(l) <= max || l.chars().count() == 1,
                    "{l:?} > {max} in {text:?}"
                );
            }
        }
    }

    fn kind_is_space(c: char) -> bool {
        kind(c) == Kind::Space
    }

    #[test]
    fn runs_of_opening_brackets_are_kept() {
        let text = "（（（（（（（（";
        assert_eq!(wrap(text, 3.0, adv).concat(), text);
        let text = "甲“乙”丙（丁）";
        assert_eq!(wrap(text, 2.0, adv).concat(), text);
    }
}
