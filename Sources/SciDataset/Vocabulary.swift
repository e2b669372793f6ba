/// The closed vocabularies of the dataset: every value a coded column may
/// take, with its Chinese and English terms. The test suite checks that
/// every row uses only these, and docs/DATASET.md lists them.
public struct Vocabulary: Sendable {
    public let name: String
    public let table: String
    public let column: String
    /// (code, Chinese, English)
    public let terms: [(code: String, chinese: String, english: String)]
    /// Further columns that take the same codes, as (table, column).
    public let alsoUsedBy: [(table: String, column: String)]

    public init(name: String, table: String, column: String, terms: [(code: String, chinese: String, english: String)], alsoUsedBy: [(table: String, column: String)] = []) {
        self.name = name
        self.table = table
        self.column = column
        self.terms = terms
        self.alsoUsedBy = alsoUsedBy
    }

    public var codes: [String] { terms.map(\.code) }

    /// Every (table, column) whose values must be codes of this vocabulary.
    public var columns: [(table: String, column: String)] { [(table, column)] + alsoUsedBy }
}

public enum Vocabularies {
    public static let all: [Vocabulary] = [
        Vocabulary(name: "kind", table: "entities", column: "kind", terms: [
            ("area", "区域", "a zone, district, town or area"),
            ("city", "城市", "a city"),
            ("congress", "会议", "a party congress"),
            ("company", "企业", "a company"),
            ("facility", "大科学装置", "a large science facility"),
            ("goal", "目标", "a stated goal or slogan"),
            ("government", "党政机关", "a government or party body"),
            ("industry", "产业", "an industry"),
            ("institute", "研究院所", "a research institute or academy"),
            ("lab", "实验室", "a laboratory"),
            ("media", "媒体", "a news outlet"),
            ("museum", "科技馆", "a science museum"),
            ("plan", "方案", "a plan or layout"),
            ("programme", "工程、行动", "a programme, project name or campaign"),
            ("project", "工程", "a construction project"),
            ("research_field", "研究领域", "a research field or direction"),
            ("science_center", "科学中心", "a science center"),
            ("system", "系统", "a technical system"),
            ("team", "团队", "a team or expert group"),
            ("university", "高校", "a university"),
        ]),
        Vocabulary(name: "status", table: "entities", column: "status", terms: [
            ("operating", "投用、运行", "in use"),
            ("established", "成立", "founded"),
            ("first_teams_moved_in", "首批团队入驻", "its first teams have moved in"),
            ("under_construction", "建设、提速建设", "being built"),
            ("planned", "启动建设、力争", "construction to start"),
        ]),
        Vocabulary(name: "qualifier", table: "metrics", column: "qualifier", terms: [
            ("exact", "（无）", "as stated"),
            ("about", "约", "approximately"),
            ("over", "多、超、超过", "more than"),
            ("target", "力争", "a goal to reach"),
        ]),
        Vocabulary(name: "precision", table: "events", column: "precision", terms: [
            ("day", "日", "the day is given (3月27日)"),
            ("month", "月", "only the month is given (2022年6月, 今年1月)"),
            ("undated", "近期、日前、前不久、目前、最新消息", "the article gives no date, only a word (time_hint); not_after is the publication date"),
        ]),
        Vocabulary(name: "time_hint", table: "events", column: "time_hint", terms: [
            ("2022年6月", "2022年6月", "June 2022 (a month)"),
            ("今年1月", "今年1月", "January of this year: 2023-01 (a month)"),
            ("3月27日", "3月27日", "27 March: 2023-03-27 (a day)"),
            ("近期", "近期", "recently; no date given"),
            ("日前", "日前", "a few days ago; no date given"),
            ("前不久", "前不久", "not long ago; no date given"),
            ("目前", "目前", "at present, as of publication"),
            ("最新消息", "最新消息", "the latest news (by publication)"),
            ("即将", "即将", "soon, after publication"),
            ("下一步", "下一步", "as the next step, after publication"),
        ], alsoUsedBy: [("claims", "time_hint")]),
        Vocabulary(name: "basis", table: "relations", column: "basis", terms: [
            ("stated", "原文", "the quote says it"),
            ("inferred", "推断", "read from a name (北京大学重庆大数据研究院 → 北京大学) or the byline, not said in words"),
        ]),
        Vocabulary(name: "modality", table: "claims", column: "modality", terms: [
            ("fact", "事实", "what the article reports as so"),
            ("plan", "计划", "what a plan or the next steps (下一步, 一是…) say will be done"),
            ("target", "力争", "a goal to reach (力争)"),
            ("aim", "目标、旨在", "a purpose or goal (旨在, 着眼, 助力, 围绕…总体目标, the 高新区's aims)"),
            ("statement", "表示、评价", "a view: what someone is reported as saying (said_by) or the article's own judgement"),
        ]),
        Vocabulary(name: "predicate", table: "claims", column: "predicate", terms: [
            ("achieved", "取得", "subject achieved what the object says"),
            ("aims_to", "打造为、着眼、旨在、助力、推动", "subject aims to do or become what the object says"),
            ("attracts", "引育、引进", "subject brings in object"),
            ("builds", "建设、打造、构建", "subject builds object"),
            ("built_by", "共同打造", "subject is built by object"),
            ("calls_for", "着力强调、着力建设、支持、推动", "subject (a plan or part of one) calls for object"),
            ("completed_task_list_for", "完成专项任务清单", "subject completed the task list and R&D guide for object"),
            ("covers", "关注", "subject (media) covers object"),
            ("deploys", "部署", "subject sets out object"),
            ("described_as", "是、首个", "the article calls subject what the object says"),
            ("designates_as", "把…作为", "subject treats something as object"),
            ("directs", "主任", "subject (a person) directs object"),
            ("elevates", "提升到新的高度", "subject raised object to a new level"),
            ("event", "揭牌投用、成立、入驻、发布", "subject did or underwent what the object says"),
            ("focuses_on", "聚焦", "subject focuses on object"),
            ("follows", "按照…要求", "subject follows the requirements of object"),
            ("guided_by", "引领、总牵引、根据", "subject is guided by object"),
            ("has", "拥有", "subject has object"),
            ("has_leading_industry", "主导产业", "object is a leading industry of subject"),
            ("has_quantity", "占地、运行、研发投入、超过", "subject has the quantity the object says (the figure is also in metrics)"),
            ("has_step", "一是、二是、三是", "object is one of subject's next steps"),
            ("has_title", "院士", "subject (a person) has the title object"),
            ("integrates_with", "融合发展", "subject develops together with object"),
            ("is_one_of", "其中之一", "subject is one of what the object names"),
            ("key_project_of", "重点工程", "subject is a key project of object"),
            ("lays_out", "布局", "subject lays out object"),
            ("leads", "领衔、团队", "subject (a person) leads object"),
            ("leads_research_team_at", "院士领衔科研团队", "subject (a person) leads a research team at object"),
            ("located_in", "位于、湖畔", "subject is in object"),
            ("member_of", "等“重庆实验室”", "subject is one of object"),
            ("part_of", "方面、其中", "subject is part of object"),
            ("progressed_in", "取得积极进展", "subject made progress in object"),
            ("promotes", "推动", "subject promotes object"),
            ("pursues", "以…为切入点、主动谋划、突出、集聚、催生", "subject works at what the object says"),
            ("pursues_goal", "梦想、总体目标", "subject pursues the goal object"),
            ("serves_industry", "赋能", "subject empowers the industry object"),
            ("signed_agreement_with", "签订合作协议", "subject signed a cooperation agreement with object"),
            ("supports", "对接帮扶", "subject supports object"),
            ("targets", "力争、瞄准", "subject strives for or aims at object"),
            ("visits", "走进", "subject visits object"),
            ("writes_into_report", "写入报告", "subject wrote object into its report"),
        ]),
        Vocabulary(name: "relation", table: "relations", column: "relation", terms: [
            ("builds", "建设", "subject builds object"),
            ("built_by", "共同打造", "subject is built by object"),
            ("completed_task_list_for", "完成专项任务清单", "subject completed the task list and R&D guide for object"),
            ("concerns", "把…作为", "subject is about object"),
            ("covers", "关注", "subject (media) covers object"),
            ("deploys", "部署", "subject sets out object"),
            ("designates_as", "作为", "subject treats something as object"),
            ("focuses_on", "聚焦", "subject focuses on object"),
            ("follows", "按照…要求", "subject follows the requirements of object"),
            ("has", "拥有", "subject has object"),
            ("has_leading_industry", "主导产业", "object is a leading industry of subject"),
            ("integrates_with", "融合发展", "subject develops together with object"),
            ("key_project_of", "重点工程", "subject is a key project of object"),
            ("leads", "主任、领衔", "subject (a person) leads object"),
            ("leads_research_team_at", "院士领衔科研团队", "subject (a person) leads a research team at object"),
            ("located_in", "位于", "subject is in object"),
            ("member_of", "等“重庆实验室”", "subject is one of object"),
            ("part_of", "隶属", "subject belongs to object"),
            ("photographs_for", "摄影", "subject (a person) photographs for object"),
            ("plans", "着力建设、启动建设", "subject calls for building object"),
            ("promotes", "推动", "subject promotes object"),
            ("pursues_goal", "目标、梦想", "subject pursues object"),
            ("reports_for", "记者", "subject (a person) reports for object"),
            ("serves_industry", "赋能", "subject empowers the industry object"),
            ("signed_agreement_with", "签订合作协议", "subject signed a cooperation agreement with object"),
            ("supports", "对接帮扶", "subject supports object"),
            ("writes_into_report", "写入报告", "subject wrote object into its report"),
        ]),
    ]
}
