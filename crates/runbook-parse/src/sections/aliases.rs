//! The built-in heading aliases, per language: data, listed for users in
//! `docs/sections.md` (a test keeps the two in step).
//!
//! English covers the conventions teams write runbooks in: the procedure
//! contract (Prerequisites / Steps / Rollback / Verification / Contacts),
//! alert runbooks (Meaning / Impact / Diagnosis / Mitigation), incident
//! response playbooks (Investigate / Remediate / Communicate / Recover, the
//! NIST SP 800-61 and SANS phases) and troubleshooting pages (Symptoms /
//! Possible checks / Resolution). Each other language names every kind the
//! way its speakers head these sections; an entry is only added when it
//! cannot mean another kind.
//!
//! Aliases are compared after `normalize_heading`, so case, punctuation,
//! numbering and filler words ("plan", "procedure") need no entry of their
//! own, and a heading also matches by its leading words.

use super::SectionKind::{
    self, Contacts, Diagnosis, Impact, Meaning, Prerequisites, Rollback, Steps, Verification,
};

/// One language's aliases for every section kind.
pub(crate) struct Language {
    /// BCP 47 code, as in `docs/sections.md`.
    pub code: &'static str,
    /// The aliases, by kind.
    pub aliases: &'static [(SectionKind, &'static [&'static str])],
}

/// Every built-in language, English first.
pub(crate) const LANGUAGES: &[Language] = &[
    ENGLISH, CHINESE, JAPANESE, KOREAN, GERMAN, FRENCH, SPANISH, PORTUGUESE,
];

const ENGLISH: Language = Language {
    code: "en",
    aliases: &[
        (
            Prerequisites,
            &[
                "prerequisites",
                "prerequisite",
                "pre-requisites",
                "pre-requisite",
                "requirements",
                "before you begin",
                "before you start",
                "before starting",
                "before you proceed",
                "pre-checks",
                "prechecks",
                "pre checks",
                "pre-check",
                "pre-flight checks",
                "preflight checks",
                "pre-flight checklist",
                "preflight checklist",
                "preconditions",
                "pre-conditions",
                "preparation",
                "preparations",
                "what you need",
                "required access",
                "required permissions",
                "access required",
            ],
        ),
        (
            Steps,
            &[
                "steps",
                "procedure",
                "instructions",
                "runbook",
                "actions",
                "action items",
                "what to do",
                "execution",
                // Alert runbooks.
                "mitigation",
                "mitigations",
                "mitigation steps",
                "mitigate",
                // Incident response: NIST's remediate, SANS's containment and eradication.
                "remediation",
                "remediate",
                "containment",
                "contain",
                "eradication",
                "eradicate",
                // Troubleshooting pages.
                "resolution",
                "resolve",
                "resolving",
                "solution",
                "fix",
                "fixing",
                "how to fix",
                "workaround",
                "workarounds",
                "remedy",
                "remedies",
                "recovery",
                "recover",
                "restore",
            ],
        ),
        (
            Rollback,
            &[
                "rollback",
                "roll back",
                "roll-back",
                "rolling back",
                "roll back procedure",
                "back out",
                "back-out",
                "backout",
                "backing out",
                "revert",
                "reverting",
                "reverting the change",
                "undo",
                "undoing",
                "abort",
                "failback",
                "fail back",
                "fail-back",
            ],
        ),
        (
            Verification,
            &[
                "verification",
                "verification steps",
                "verify",
                "verifying",
                "validation",
                "validate",
                "post-checks",
                "postchecks",
                "post checks",
                "post-check",
                "post check",
                "post-verification",
                "post-deployment checks",
                "confirm",
                "confirmation",
                "confirm recovery",
                "health check",
                "health checks",
                "testing",
                "check the result",
                "smoke test",
                "smoke tests",
                "sanity check",
                "sanity checks",
                "success criteria",
            ],
        ),
        (
            Contacts,
            &[
                "contacts",
                "contact",
                "escalation",
                "escalations",
                "escalation path",
                "escalation contacts",
                "escalate",
                "owners",
                "owner",
                "ownership",
                "who to contact",
                "who to call",
                "point of contact",
                "support",
                "getting help",
                "get help",
                "on-call",
                "oncall",
                "on call",
                // Incident response: whom to tell, and how.
                "communicate",
                "communication",
                "communications",
            ],
        ),
        (
            Meaning,
            &[
                "meaning",
                "description",
                "overview",
                "summary",
                "explanation",
                "alert",
                "alert description",
                "what does this alert mean",
                "what this alert means",
                "what is happening",
                "when this alert fires",
                "problem description",
                "problem statement",
                // Troubleshooting pages.
                "symptoms",
                "symptom",
            ],
        ),
        (
            Impact,
            &[
                "impact",
                "business impact",
                "user impact",
                "customer impact",
                "service impact",
                "severity and impact",
                "consequences",
                "blast radius",
            ],
        ),
        (
            Diagnosis,
            &[
                "diagnosis",
                "diagnostics",
                "diagnostic",
                "diagnostic steps",
                "diagnose",
                "debugging",
                "triage",
                "cli checks",
                "promql queries",
                "root cause",
                "root cause analysis",
                "finding the cause",
                "identify the cause",
                // Incident response: NIST's investigate, SANS's identification.
                "investigation",
                "investigate",
                "investigating",
                "identification",
                "detection and analysis",
                // Troubleshooting pages.
                "troubleshooting",
                "troubleshoot",
                "possible checks",
                "checks",
                "what to check",
                "steps to check",
                "things to check",
                "things to look for",
                "possible causes",
                "cause",
                "causes",
            ],
        ),
    ],
};

const CHINESE: Language = Language {
    code: "zh",
    aliases: &[
        (
            Prerequisites,
            &[
                "前提条件",
                "先决条件",
                "前置条件",
                "准备工作",
                "准备",
                "先決條件",
                "前置條件",
                "準備工作",
            ],
        ),
        (
            Steps,
            &[
                "步骤",
                "操作步骤",
                "处理步骤",
                "处理方法",
                "缓解",
                "缓解措施",
                "修复",
                "修复步骤",
                "解决方案",
                "解决方法",
                "处置",
                "步驟",
                "操作步驟",
                "緩解",
                "緩解措施",
                "修復",
                "解決方案",
            ],
        ),
        (
            Rollback,
            &["回滚", "回退", "回滚方案", "回退方案", "撤销", "回滾"],
        ),
        (Verification, &["验证", "确认", "检查结果", "驗證", "確認"]),
        (
            Contacts,
            &[
                "联系人",
                "联系方式",
                "升级",
                "上报",
                "值班",
                "负责人",
                "聯絡人",
                "聯繫方式",
                "負責人",
            ],
        ),
        (
            Meaning,
            &[
                "含义",
                "说明",
                "描述",
                "概述",
                "概要",
                "简介",
                "症状",
                "告警说明",
                "含義",
                "說明",
                "簡介",
                "症狀",
            ],
        ),
        (Impact, &["影响", "影响范围", "影響", "影響範圍"]),
        (
            Diagnosis,
            &[
                "诊断",
                "诊断步骤",
                "排查",
                "排查步骤",
                "故障排查",
                "问题排查",
                "故障排除",
                "调查",
                "診斷",
                "排查步驟",
                "調查",
            ],
        ),
    ],
};

const JAPANESE: Language = Language {
    code: "ja",
    aliases: &[
        (
            Prerequisites,
            &["前提条件", "事前準備", "準備", "事前確認", "必要条件"],
        ),
        (
            Steps,
            &[
                "手順",
                "対処",
                "対処方法",
                "対処手順",
                "対応",
                "対応手順",
                "緩和",
                "緩和策",
                "解決策",
                "復旧手順",
            ],
        ),
        (
            Rollback,
            &["ロールバック", "切り戻し", "切戻し", "元に戻す"],
        ),
        (Verification, &["確認", "検証", "動作確認", "事後確認"]),
        (
            Contacts,
            &["連絡先", "エスカレーション", "担当者", "問い合わせ先"],
        ),
        (Meaning, &["意味", "説明", "概要", "症状", "現象"]),
        (Impact, &["影響", "影響範囲"]),
        (
            Diagnosis,
            &[
                "診断",
                "調査",
                "原因調査",
                "切り分け",
                "トラブルシューティング",
            ],
        ),
    ],
};

const KOREAN: Language = Language {
    code: "ko",
    aliases: &[
        (
            Prerequisites,
            &[
                "사전 요구 사항",
                "사전 요구사항",
                "사전 준비",
                "전제 조건",
                "준비 사항",
                "사전 점검",
            ],
        ),
        (
            Steps,
            &[
                "단계",
                "절차",
                "조치",
                "조치 방법",
                "완화",
                "완화 조치",
                "해결",
                "해결 방법",
                "대응",
                "대응 절차",
            ],
        ),
        (Rollback, &["롤백", "되돌리기", "원복"]),
        (Verification, &["검증", "확인", "결과 확인", "사후 점검"]),
        (
            Contacts,
            &["연락처", "담당자", "에스컬레이션", "비상 연락망"],
        ),
        (Meaning, &["의미", "설명", "개요", "증상"]),
        (Impact, &["영향", "영향도", "영향 범위"]),
        (
            Diagnosis,
            &["진단", "조사", "원인 분석", "문제 해결", "트러블슈팅"],
        ),
    ],
};

const GERMAN: Language = Language {
    code: "de",
    aliases: &[
        (
            Prerequisites,
            &["voraussetzungen", "vorbedingungen", "vorbereitung"],
        ),
        (
            Steps,
            &[
                "schritte",
                "vorgehen",
                "vorgehensweise",
                "anleitung",
                "maßnahmen",
                "massnahmen",
                "behebung",
                "lösung",
                "abhilfe",
                "wiederherstellung",
            ],
        ),
        (
            Rollback,
            &[
                "zurückrollen",
                "rückgängig machen",
                "rücksetzung",
                "rückabwicklung",
            ],
        ),
        (
            Verification,
            &[
                "überprüfung",
                "prüfung",
                "verifizierung",
                "validierung",
                "kontrolle",
            ],
        ),
        (
            Contacts,
            &[
                "kontakte",
                "kontakt",
                "ansprechpartner",
                "eskalation",
                "rufbereitschaft",
                "kommunikation",
            ],
        ),
        (
            Meaning,
            &[
                "bedeutung",
                "beschreibung",
                "überblick",
                "übersicht",
                "zusammenfassung",
                "symptome",
            ],
        ),
        (Impact, &["auswirkung", "auswirkungen"]),
        (
            Diagnosis,
            &[
                "diagnose",
                "fehlersuche",
                "fehleranalyse",
                "fehlerbehebung",
                "untersuchung",
                "ursachenanalyse",
            ],
        ),
    ],
};

const FRENCH: Language = Language {
    code: "fr",
    aliases: &[
        (
            Prerequisites,
            &[
                "prérequis",
                "pré-requis",
                "conditions préalables",
                "préparation",
                "avant de commencer",
            ],
        ),
        (
            Steps,
            &[
                "étapes",
                "procédure",
                "mesures",
                "atténuation",
                "résolution",
                "remédiation",
                "correction",
                "actions",
            ],
        ),
        (
            Rollback,
            &[
                "retour arrière",
                "retour en arrière",
                "annulation",
                "plan de retour arrière",
            ],
        ),
        (Verification, &["vérification", "validation", "contrôle"]),
        (
            Contacts,
            &[
                "contacts",
                "escalade",
                "astreinte",
                "interlocuteurs",
                "communication",
            ],
        ),
        (
            Meaning,
            &[
                "signification",
                "description",
                "aperçu",
                "vue d'ensemble",
                "résumé",
                "symptômes",
            ],
        ),
        (Impact, &["impact", "impacts", "conséquences"]),
        (
            Diagnosis,
            &[
                "diagnostic",
                "dépannage",
                "investigation",
                "analyse",
                "causes possibles",
            ],
        ),
    ],
};

const SPANISH: Language = Language {
    code: "es",
    aliases: &[
        (
            Prerequisites,
            &[
                "requisitos previos",
                "prerrequisitos",
                "requisitos",
                "preparación",
                "antes de empezar",
                "antes de comenzar",
            ],
        ),
        (
            Steps,
            &[
                "pasos",
                "procedimiento",
                "mitigación",
                "resolución",
                "remediación",
                "solución",
                "acciones",
                "corrección",
            ],
        ),
        (
            Rollback,
            &[
                "reversión",
                "revertir",
                "marcha atrás",
                "vuelta atrás",
                "deshacer",
            ],
        ),
        (
            Verification,
            &["verificación", "validación", "comprobación"],
        ),
        (
            Contacts,
            &[
                "contactos",
                "contacto",
                "escalamiento",
                "escalado",
                "guardia",
                "comunicación",
            ],
        ),
        (
            Meaning,
            &[
                "significado",
                "descripción",
                "resumen",
                "visión general",
                "síntomas",
            ],
        ),
        (Impact, &["impacto", "consecuencias"]),
        (
            Diagnosis,
            &[
                "diagnóstico",
                "investigación",
                "solución de problemas",
                "análisis",
                "causas posibles",
            ],
        ),
    ],
};

const PORTUGUESE: Language = Language {
    code: "pt",
    aliases: &[
        (
            Prerequisites,
            &[
                "pré-requisitos",
                "pré requisitos",
                "requisitos",
                "preparação",
                "antes de começar",
            ],
        ),
        (
            Steps,
            &[
                "passos",
                "etapas",
                "procedimento",
                "mitigação",
                "resolução",
                "remediação",
                "solução",
                "ações",
                "correção",
            ],
        ),
        (Rollback, &["reversão", "reverter", "desfazer"]),
        (Verification, &["verificação", "validação", "confirmação"]),
        (
            Contacts,
            &[
                "contatos",
                "contactos",
                "contato",
                "escalonamento",
                "plantão",
                "comunicação",
            ],
        ),
        (
            Meaning,
            &[
                "significado",
                "descrição",
                "visão geral",
                "resumo",
                "sintomas",
            ],
        ),
        (Impact, &["impacto", "consequências"]),
        (
            Diagnosis,
            &[
                "diagnóstico",
                "investigação",
                "solução de problemas",
                "análise",
                "causas possíveis",
            ],
        ),
    ],
};
