-- Demo catalog: 10 vendors, 10 categories, 48 products with their specs and prices (CNY cents) for a cloud SaaS marketplace.

INSERT INTO vendors (id, slug, name_zh, name_en, website, support_email, status, created_at, updated_at) VALUES
(1, 'skylark-soft', '云雀软件', 'Skylark Software', 'https://www.skylark-soft.example.com', 'support@skylark-soft.example.com', 'active', '2024-11-04 10:00:00', '2024-11-04 10:00:00'),
(2, 'lin-partners', '林氏数字咨询', 'Lin & Partners Digital', 'https://www.linpartners.example.com', 'hello@linpartners.example.com', 'active', '2024-11-08 14:30:00', '2024-11-08 14:30:00'),
(3, 'hengtong-finance', '恒通财税科技', 'Hengtong Finance Cloud', 'https://www.hengtong-finance.example.com', 'service@hengtong-finance.example.com', 'active', '2024-11-12 09:15:00', '2024-11-12 09:15:00'),
(4, 'meridian-data', '经纬数据', 'Meridian Data', 'https://meridian-data.example', 'support@meridian-data.example', 'active', '2024-11-18 16:45:00', '2024-11-18 16:45:00'),
(5, 'greenhill-security', '青山安全', 'Greenhill Security', 'https://www.greenhill-sec.example.com', 'soc@greenhill-sec.example.com', 'active', '2024-11-21 11:20:00', '2024-11-21 11:20:00'),
(6, 'seedling-hr', '禾苗人力云', 'Seedling HR Cloud', 'https://www.seedling-hr.example.com', 'help@seedling-hr.example.com', 'active', '2024-11-27 10:05:00', '2024-11-27 10:05:00'),
(7, 'starfield-commerce', '繁星商业', 'Starfield Commerce', 'https://www.starfield-commerce.example.com', 'merchant@starfield-commerce.example.com', 'active', '2024-12-02 15:40:00', '2024-12-02 15:40:00'),
(8, 'whetstone-labs', '砺石科技', 'Whetstone Labs', 'https://whetstone-labs.example', 'devsupport@whetstone-labs.example', 'active', '2024-12-06 09:50:00', '2024-12-06 09:50:00'),
(9, 'cirrus-sites', '白云建站', 'Cirrus Sites', 'https://www.cirrus-sites.example.com', 'support@cirrus-sites.example.com', 'active', '2024-12-11 13:25:00', '2024-12-11 13:25:00'),
(10, 'zhike-cloud', '知客云', 'Zhike Cloud', 'https://www.zhike-cloud.example.com', 'cs@zhike-cloud.example.com', 'active', '2024-12-16 17:10:00', '2024-12-16 17:10:00');

INSERT INTO categories (id, slug, name_zh, name_en, position, created_at, updated_at) VALUES
(1, 'office', '企业办公', 'Office & Collaboration', 10, '2024-12-20 10:00:00', '2024-12-20 10:00:00'),
(2, 'finance', '财务管理', 'Finance', 20, '2024-12-20 10:00:00', '2024-12-20 10:00:00'),
(3, 'crm', '客户管理', 'CRM', 30, '2024-12-20 10:00:00', '2024-12-20 10:00:00'),
(4, 'hr', '人力资源', 'HR', 40, '2024-12-20 10:00:00', '2024-12-20 10:00:00'),
(5, 'ecommerce', '电商零售', 'E-commerce', 50, '2024-12-20 10:00:00', '2024-12-20 10:00:00'),
(6, 'website', '网站建设', 'Website Building', 60, '2024-12-20 10:00:00', '2024-12-20 10:00:00'),
(7, 'security', '安全防护', 'Security', 70, '2024-12-20 10:00:00', '2024-12-20 10:00:00'),
(8, 'data-analytics', '数据分析', 'Data & Analytics', 80, '2024-12-20 10:00:00', '2024-12-20 10:00:00'),
(9, 'devops', '开发运维', 'DevOps', 90, '2024-12-20 10:00:00', '2024-12-20 10:00:00'),
(10, 'consulting', '实施与咨询服务', 'Implementation & Consulting', 100, '2024-12-20 10:00:00', '2024-12-20 10:00:00');

INSERT INTO products (id, vendor_id, category_id, name_zh, name_en, summary_zh, summary_en, description_zh, description_en, delivery_mode, free_login, listed, created_at, updated_at) VALUES
(1, 1, 1,
 '云雀文档 经典版', 'Skylark Docs Classic',
 '云雀文档的上一代版本，已停止新购，现有客户可续费至迁移完成。',
 'The previous generation of Skylark Docs, closed to new customers. Existing teams can renew until they migrate.',
 '经典版提供在线文档、表格和基础的文件夹权限管理，适合早期接入云雀的团队。

新功能仅在新版云雀文档中提供。我们为经典版客户提供免费的一键迁移工具，迁移期间可两个版本并行使用。',
 'Classic offers online documents, spreadsheets and basic folder permissions for teams that joined Skylark early.

New features ship only in the current Skylark Docs. Classic customers get a free one-click migration tool and can run both editions side by side while they move.',
 'auto', 0, 0, '2025-01-06 09:30:00', '2025-01-06 09:30:00'),
(2, 10, 3,
 '知客 CRM 旧版', 'Zhike CRM Legacy',
 '2021 年前的知客 CRM 版本，已下架，仅供老客户续费。',
 'The pre-2021 edition of Zhike CRM, withdrawn from sale and kept only for renewals by existing customers.',
 '旧版包含客户档案、联系人、商机跟进和基础报表，界面与数据结构沿用早期设计。知客 CRM 新版已全面覆盖旧版功能，建议尽快通过官方工具迁移数据。',
 'The legacy edition covers accounts, contacts, opportunity follow-up and basic reports, with the original interface and data model. The current Zhike CRM does everything it does, and we recommend moving over with the official migration tool.',
 'auto', 0, 0, '2025-01-23 10:15:00', '2025-01-23 10:15:00'),
(3, 3, 2,
 '恒通云记账', 'Hengtong Books',
 '面向小微企业的在线记账软件，凭证、账簿、报表和纳税申报一站完成。',
 'Online bookkeeping for small businesses: vouchers, ledgers, financial statements and tax filing in one place.',
 '恒通云记账支持银行流水自动导入和智能生成凭证，月末一键结账并输出资产负债表、利润表和现金流量表。

系统内置增值税、企业所得税申报表模板，数据按会计准则自动校验；代账机构可用多账套模式同时服务多家客户。',
 'Hengtong Books imports bank statements automatically, drafts vouchers for you and closes the month in one click, producing the balance sheet, income statement and cash flow statement.

VAT and corporate income tax return templates are built in and checked against accounting standards. Accounting firms can serve many clients at once with multiple ledgers.',
 'auto', 1, 1, '2025-02-01 14:00:00', '2025-02-01 14:00:00'),
(4, 1, 1,
 '云雀文档', 'Skylark Docs',
 '多人实时协作的在线文档、表格和知识库，支持细粒度权限和企业空间管理。',
 'Real-time collaborative documents, spreadsheets and wikis with fine-grained permissions and company-wide spaces.',
 '云雀文档让团队在同一份文档里同时编辑、评论和 @同事，所有修改自动保存并保留完整历史版本。

表格支持公式、筛选和数据透视，知识库可按部门组织目录。管理员可设置外部分享策略、水印和离职交接，保障企业数据安全。',
 'Skylark Docs lets a team edit, comment and @mention colleagues in the same document at the same time. Every change is saved automatically with full version history.

Spreadsheets support formulas, filters and pivot tables, and wikis can be organised by department. Admins control external sharing, watermarks and hand-over when people leave, keeping company data safe.',
 'auto', 1, 1, '2025-02-23 11:45:00', '2025-02-23 11:45:00'),
(5, 10, 3,
 '知客 CRM', 'Zhike CRM',
 '覆盖线索、商机、合同到回款的销售管理系统，移动端随时跟进客户。',
 'Sales management from lead to opportunity, contract and payment, with a mobile app for following up on the go.',
 '知客 CRM 把客户、联系人、跟进记录和商机阶段集中管理，销售漏斗和业绩预测实时更新。

系统支持自定义字段和审批流，可与企业微信、钉钉和邮箱集成；管理者通过仪表盘掌握团队进度，公海池规则自动回收长期未跟进的客户。',
 'Zhike CRM keeps accounts, contacts, activities and opportunity stages in one place, with a live sales funnel and forecast.

Custom fields and approval flows are supported, along with WeCom, DingTalk and email integration. Managers follow the team on dashboards, and shared-pool rules reclaim accounts that have gone untouched for too long.',
 'auto', 1, 1, '2025-02-28 16:20:00', '2025-02-28 16:20:00'),
(6, 6, 4,
 '禾苗人事', 'Seedling Core HR',
 '员工档案、入转调离和合同管理一站式在线化，让 HR 告别纸质表格。',
 'Employee records, onboarding, transfers, exits and contracts, all online so HR can retire the paper forms.',
 '禾苗人事为每位员工建立完整的电子档案，入职邀请、材料收集和电子合同签署全部线上完成。

组织架构图随人事变动自动更新，合同到期、转正和生日等节点自动提醒。员工可在手机上自助开具证明、查询假期余额。',
 'Seedling Core HR keeps a complete digital file for every employee. Onboarding invitations, document collection and e-signed contracts all happen online.

The org chart updates itself as people move, and reminders fire for contract renewals, probation reviews and birthdays. Employees request certificates and check leave balances themselves on their phones.',
 'auto', 1, 1, '2025-03-20 09:05:00', '2025-03-20 09:05:00'),
(7, 9, 6,
 '白云自助建站', 'Cirrus Site Builder',
 '拖拽式可视化建站，上百套行业模板，电脑、手机和小程序一次搭建同步发布。',
 'Drag-and-drop website builder with hundreds of industry templates: build once and publish to desktop, mobile and mini program.',
 '无需写代码，选择模板后拖拽模块即可完成企业官网、产品展示页和新闻中心，点击“发布”即刻上线。

系统内置 SEO 设置、表单收集、访客统计和 HTTPS 证书，支持绑定自有域名。网站托管在多地 CDN 上，国内访问快速稳定。',
 'No code needed: pick a template and drag modules to build a company site, product pages and a news centre, then press "Publish" and it is live.

SEO settings, form capture, visitor statistics and HTTPS certificates are included, and you can bind your own domain. Sites are served from a multi-region CDN for fast, stable access across China.',
 'auto', 1, 1, '2025-04-08 15:40:00', '2025-04-08 15:40:00'),
(8, 7, 5,
 '繁星微商城', 'Starfield Mini-Store',
 '快速开通微信小程序商城，支持拼团、秒杀、优惠券和分销推广。',
 'Launch a WeChat mini-program store fast, with group buying, flash sales, coupons and affiliate promotion.',
 '繁星微商城提供完整的商品、订单、库存和物流管理，商家开通当天即可上线自己的小程序店铺。

丰富的营销插件帮助拉新和复购，分销员体系让老客户带来新客户。经营数据看板实时展示成交额、客单价和转化率。',
 'Starfield Mini-Store covers products, orders, inventory and shipping, so merchants can open their own mini-program shop on the day they sign up.

Marketing plugins drive new and repeat purchases, and an affiliate programme turns loyal customers into promoters. A live dashboard tracks sales, average order value and conversion rate.',
 'auto', 1, 1, '2025-04-14 10:50:00', '2025-04-14 10:50:00'),
(9, 5, 7,
 '青山 Web 应用防火墙', 'Greenhill WAF',
 '云端 Web 应用防火墙，防御 SQL 注入、XSS、CC 攻击和恶意爬虫，修改 DNS 即可接入。',
 'Cloud web application firewall against SQL injection, XSS, CC attacks and bad bots, onboarded by changing a DNS record.',
 '青山 WAF 基于规则引擎与行为分析双重检测，覆盖 OWASP Top 10 常见威胁，规则库由安全团队 7×24 小时更新。

支持自定义访问控制、地域封禁和频率限制，攻击日志可实时查询并导出。出现 0day 漏洞时，我们会在数小时内推送虚拟补丁。',
 'Greenhill WAF combines a rule engine with behavioural analysis to cover the OWASP Top 10, and our security team updates the rules around the clock.

Custom access control, geo-blocking and rate limiting are supported, and attack logs can be searched and exported in real time. When a zero-day appears, we push a virtual patch within hours.',
 'auto', 0, 1, '2025-05-03 09:30:00', '2025-05-03 09:30:00'),
(10, 4, 8,
 '经纬 BI', 'Meridian BI',
 '自助式商业智能平台，拖拽生成图表和仪表盘，连接 30 多种数据源。',
 'Self-service business intelligence: drag-and-drop charts and dashboards on top of 30+ data sources.',
 '业务人员无需写 SQL 就能自己做分析：拖拽字段生成图表，组合成仪表盘，并按日推送到手机或邮箱。

经纬 BI 可直连 MySQL、PostgreSQL、ClickHouse 和常见 SaaS 系统，行级权限确保每个人只看到该看的数据。',
 'Business users analyse data themselves without SQL: drag fields into charts, assemble dashboards and have them delivered to phone or inbox every day.

Meridian BI connects directly to MySQL, PostgreSQL, ClickHouse and common SaaS systems, and row-level permissions make sure everyone sees only what they should.',
 'auto', 1, 1, '2025-05-11 10:15:00', '2025-05-11 10:15:00'),
(11, 8, 9,
 'R&D 项目管理', 'R&D Tracker',
 '为研发团队打造的需求、迭代、缺陷和测试管理工具，敏捷与瀑布模式均适用。',
 'Requirements, sprints, bugs and test cases for engineering teams, for agile and waterfall alike.',
 '从需求池到迭代规划、任务看板再到发布，R&D 项目管理串联研发全流程，燃尽图和累积流图帮助团队发现瓶颈。

系统与 Git 仓库和 CI 流水线双向关联，提交记录自动挂到对应任务上。测试用例和缺陷在同一系统中闭环管理。',
 'From backlog to sprint planning, task boards and release, R&D Tracker follows the whole development cycle, and burndown and cumulative flow charts show where the team is stuck.

It links both ways with Git repositories and CI pipelines, so commits attach themselves to the right task. Test cases and bugs are tracked to closure in the same place.',
 'auto', 1, 1, '2025-06-03 14:00:00', '2025-06-03 14:00:00'),
(12, 2, 10,
 'ERP 系统实施服务', 'ERP Implementation Service',
 '由认证顾问驻场完成 ERP 需求调研、方案设计、系统配置、上线和上线后支持。',
 'Certified consultants on site for ERP requirements, solution design, configuration, go-live and post-launch support.',
 '林氏数字咨询的实施团队拥有制造、零售和分销行业的交付经验，项目按“调研—蓝图—配置—测试—上线”五个阶段推进，每个阶段都有明确的交付物和验收标准。

上线后顾问继续驻场陪跑一个月，确保关键用户能够独立完成日常操作。',
 'Lin & Partners consultants have delivered ERP projects in manufacturing, retail and distribution. Every project runs through five stages (discovery, blueprint, configuration, testing and go-live), each with defined deliverables and acceptance criteria.

After go-live we stay on site for a month so key users can run daily operations on their own.',
 'manual', 0, 1, '2025-06-13 11:45:00', '2025-06-13 11:45:00'),
(13, 3, 2,
 '电子发票助手', 'e-Invoice Assistant',
 '数电发票的开具、接收、查验和归档一站式管理，对接税务数字账户。',
 'Issue, receive, verify and archive fully digital invoices in one place, connected to the tax authority''s digital account.',
 '电子发票助手支持批量开票和按订单自动开票，发票可通过短信、邮件或微信推送给客户。

收到的进项发票自动查验真伪、识别重复报销，并按会计期间归档为符合要求的电子会计档案。',
 'e-Invoice Assistant issues invoices in bulk or automatically per order, and sends them to customers by SMS, email or WeChat.

Incoming invoices are checked for authenticity and duplicate claims, then archived by accounting period as compliant electronic records.',
 'auto', 1, 1, '2025-06-28 16:20:00', '2025-06-28 16:20:00'),
(14, 9, 6,
 '企业官网定制开发', 'Custom Corporate Website',
 '由设计师和工程师为您量身定制企业官网，含视觉设计、开发、上线和一年维护。',
 'A corporate website designed and built for you by our designers and engineers, including launch and a year of maintenance.',
 '项目经理会先与您沟通品牌定位和目标客户，设计师出具首页和内页设计稿，确认后进入开发。

网站同时适配电脑和手机，包含内容管理后台，交付前进行兼容性和性能测试。上线后一年内提供内容更新协助和安全补丁。',
 'A project manager first works through your brand positioning and target customers, then our designers deliver home and inner-page mock-ups for sign-off before development starts.

The site is responsive on desktop and mobile, comes with a content management back office, and is tested for compatibility and performance before handover. For a year after launch we help with content updates and apply security patches.',
 'manual', 0, 1, '2025-07-16 09:05:00', '2025-07-16 09:05:00'),
(15, 6, 4,
 '禾苗考勤排班', 'Seedling Time & Attendance',
 '手机定位、Wi-Fi 和人脸多种打卡方式，智能排班并自动生成考勤报表。',
 'Clock in by GPS, Wi-Fi or face recognition, with smart shift scheduling and automatic attendance reports.',
 '禾苗考勤排班适用于门店、工厂和办公室等多种场景，支持固定班、轮班和弹性工时。

请假、加班和补卡审批与考勤结果自动联动，月底一键导出给薪酬系统，大幅减少 HR 的核对工作。',
 'Built for shops, factories and offices alike, with fixed shifts, rotations and flexible hours.

Leave, overtime and missed-punch approvals flow straight into attendance results, and month-end figures export to payroll in one click, cutting HR''s reconciliation work dramatically.',
 'auto', 1, 1, '2025-07-25 15:40:00', '2025-07-25 15:40:00'),
(16, 5, 7,
 '青山漏洞扫描', 'Greenhill Vulnerability Scanner',
 '定期扫描网站、主机和云资产的安全漏洞，给出风险等级和修复建议。',
 'Scheduled scans of websites, hosts and cloud assets for vulnerabilities, with risk ratings and remediation advice.',
 '漏洞库覆盖超过 8 万条 CVE 和常见 Web 漏洞，新漏洞披露后 24 小时内加入检测。

扫描报告按严重程度排序，每个问题都附有复现说明和修复步骤，修复后可一键复测。',
 'The vulnerability database covers over 80,000 CVEs and common web flaws, and new disclosures are added to checks within 24 hours.

Reports are sorted by severity, each finding comes with reproduction notes and fix steps, and a single click re-tests once you have patched.',
 'auto', 1, 1, '2025-08-16 10:50:00', '2025-08-16 10:50:00'),
(17, 1, 1,
 '写作台', 'Writer''s Desk',
 '专注长文写作与团队审稿的在线编辑器，支持 Markdown、批注和 AI 润色。',
 'An online editor for long-form writing and team review, with Markdown, comments and AI-assisted polishing.',
 '写作台为内容团队、市场部和研究机构设计，提供无干扰的写作界面、章节大纲和字数目标。

编辑可以逐段批注和建议修改，作者一键接受或拒绝。定稿后可导出 Word、PDF，或直接发布到公众号。',
 'Writer''s Desk is built for content teams, marketing departments and research groups, with a distraction-free editor, chapter outlines and word-count goals.

Editors annotate and suggest changes paragraph by paragraph, and authors accept or reject them in one click. Finished pieces export to Word or PDF, or publish straight to a WeChat official account.',
 'auto', 1, 1, '2025-08-21 09:30:00', '2025-08-21 09:30:00'),
(18, 7, 5,
 '多平台订单中心', 'Omnichannel Order Hub',
 '统一管理淘宝、京东、拼多多、抖店和自有商城的订单、库存与发货。',
 'One place for orders, inventory and shipping across Taobao, JD, Pinduoduo, Douyin shops and your own store.',
 '订单中心自动同步各平台订单，智能合单、拆单并分配最优仓库，批量打印电子面单。

库存在各渠道之间实时同步，避免超卖；退款和换货统一处理，按店铺自动生成财务对账报表。',
 'Order Hub syncs orders from every platform, merges and splits them, routes each to the best warehouse and prints shipping labels in bulk.

Inventory stays in sync across channels to prevent overselling, returns and exchanges are handled in a single flow, and per-shop reconciliation reports build themselves.',
 'auto', 0, 1, '2025-09-10 10:15:00', '2025-09-10 10:15:00'),
(19, 10, 3,
 '知客客服工单', 'Zhike Helpdesk',
 '把邮件、网页、微信和电话渠道的客户问题汇总为工单，按 SLA 分派和跟踪。',
 'Turn customer questions from email, web, WeChat and phone into tickets, routed and tracked against SLAs.',
 '各渠道的咨询自动生成工单，按规则分配给合适的客服，超时未响应会升级提醒。

知识库帮助客服快速找到标准答案，客户也能在帮助中心自助解决问题；满意度评价和 SLA 报表让服务质量一目了然。',
 'Requests from every channel become tickets and are routed to the right agent by rule, with escalation when a response is overdue.

A knowledge base helps agents find standard answers fast and lets customers help themselves in a help centre. Satisfaction ratings and SLA reports show service quality at a glance.',
 'auto', 1, 1, '2025-09-29 14:00:00', '2025-09-29 14:00:00'),
(20, 8, 9,
 '砺石持续集成', 'Whetstone Pipelines',
 '云端 CI/CD 流水线，代码提交后自动构建、测试并部署到 Kubernetes 或云主机。',
 'Cloud CI/CD pipelines that build, test and deploy every commit to Kubernetes or cloud hosts.',
 '用 YAML 或可视化编辑器定义流水线，内置 Java、Go、Node.js、Python 等常用构建环境和缓存加速。

部署阶段支持灰度发布、人工审批和一键回滚，构建日志和制品统一存储，方便审计追溯。',
 'Define pipelines in YAML or a visual editor, with ready-made build environments for Java, Go, Node.js, Python and more, plus build caching.

Deployments support canary releases, manual approval gates and one-click rollback, and build logs and artifacts are stored together for auditing.',
 'auto', 1, 1, '2025-10-05 11:45:00', '2025-10-05 11:45:00'),
(21, 5, 7,
 '渗透测试服务', 'Penetration Testing Service',
 '由持证安全工程师模拟真实攻击，发现业务系统中的高危漏洞并出具正式报告。',
 'Certified security engineers simulate real attacks to find high-risk flaws in your systems and deliver a formal report.',
 '测试覆盖 Web 应用、移动 App、API 接口和内网环境，以人工测试为主、工具扫描为辅，重点关注业务逻辑漏洞。

交付物包括渗透测试报告、漏洞复现过程和修复建议，修复完成后提供一次免费复测。',
 'Testing covers web apps, mobile apps, APIs and internal networks. We work mainly by hand with tools in support, with a focus on business-logic flaws.

You receive a penetration test report, reproduction steps and remediation advice, plus one free re-test after fixes are in.',
 'manual', 0, 1, '2025-10-24 16:20:00', '2025-10-24 16:20:00'),
(22, 4, 8,
 '经纬网站分析', 'Meridian Web Analytics',
 '轻量级网站与小程序流量分析，统计脚本 <20 KB，不拖慢页面加载。',
 'Lightweight traffic analytics for websites and mini programs. The tracking script is <20 KB and won''t slow your pages.',
 '实时查看访客来源、热门页面、转化漏斗和用户留存，支持自定义事件和 UTM 广告追踪。

数据全部存储在境内机房，可选择不使用 Cookie 的隐私模式，满足个人信息保护要求。',
 'See visitor sources, top pages, conversion funnels and retention in real time, with custom events and UTM campaign tracking.

All data is stored in mainland China, and an optional cookie-free privacy mode helps you meet personal information protection rules.',
 'auto', 1, 1, '2025-11-01 09:05:00', '2025-11-01 09:05:00'),
(23, 2, 10,
 '数据迁移服务', 'Data Migration Service',
 '将旧系统中的客户、订单、财务等数据清洗后安全迁移到新系统，保证完整准确。',
 'Clean and migrate customer, order and finance data from legacy systems to your new one, completely and accurately.',
 '迁移前我们会梳理源系统的数据结构，制定字段映射和清洗规则，并在测试环境中进行至少两轮演练。

正式迁移安排在业务低峰期，迁移后逐表核对记录数和关键金额，出具数据校验报告。',
 'Before moving anything we map the source system''s data structures, agree field mappings and cleansing rules, and rehearse at least twice in a test environment.

The production cut-over happens off-peak, and afterwards we reconcile record counts and key amounts table by table and hand over a validation report.',
 'manual', 0, 1, '2025-11-24 15:40:00', '2025-11-24 15:40:00'),
(24, 3, 2,
 '恒通费用报销', 'Hengtong Expense',
 '员工手机拍票报销，自动识别发票、按制度审批并生成会计凭证。',
 'Employees snap receipts on their phones, and invoices are recognised, approved by policy and posted as journal entries.',
 '报销单可从发票、行程和消费记录一键生成，系统按差旅标准和预算自动校验，超标部分需填写原因。

审批通过后对接网银批量付款，并自动生成凭证推送到财务软件，月底不再手工录入。',
 'Build an expense claim from invoices, trips and card transactions in one click. Claims are checked against travel policy and budget, and anything over the limit must be explained.

Once approved, payments go out in bulk through online banking and journal entries are pushed to your accounting software automatically, so nothing is keyed in at month end.',
 'auto', 0, 1, '2025-12-04 10:50:00', '2025-12-04 10:50:00'),
(25, 9, 6,
 '小程序定制开发', 'Mini Program Development',
 '按需定制微信或支付宝小程序，从原型设计、开发测试到提交审核全程负责。',
 'Custom WeChat or Alipay mini programs built to order, from prototype through development, testing and platform review.',
 '我们的团队已交付 300 多个小程序，覆盖预约、点餐、会员和商城等场景。项目按里程碑付款，每个阶段都交付可演示的版本。

上线后提供三个月免费维护，并协助处理平台审核和类目资质问题。',
 'Our team has shipped more than 300 mini programs for bookings, food ordering, memberships and shops. Projects are paid by milestone, with a working demo at every stage.

After launch you get three months of free maintenance, and we handle platform review and category qualification questions for you.',
 'manual', 0, 1, '2025-12-19 09:30:00', '2025-12-19 09:30:00'),
(26, 6, 4,
 '禾苗智能招聘', 'Seedling Recruit',
 '一键发布职位到主流招聘网站，简历自动解析入库，面试安排与评估全流程在线。',
 'Post jobs to the major job boards in one click, parse résumés automatically and run interviews and scorecards online.',
 '各渠道投递的简历自动去重并解析为结构化人才档案，AI 根据职位要求给出匹配度排序。

面试官在手机上查看简历、填写评价，候选人自助选择面试时间。录用审批通过后自动发送 Offer，并衔接入职流程。',
 'Résumés from every channel are de-duplicated and parsed into structured candidate profiles, and AI ranks them against the job requirements.

Interviewers review résumés and submit scorecards on their phones, and candidates pick their own interview slots. Once an offer is approved it goes out automatically and hands over to onboarding.',
 'auto', 0, 1, '2026-01-06 10:15:00', '2026-01-06 10:15:00'),
(27, 7, 5,
 '繁星会员积分', 'Starfield Loyalty & Points',
 '线上线下统一会员体系，积分、等级、储值和权益灵活配置，提升复购。',
 'One membership programme online and offline, with configurable points, tiers, stored value and perks to lift repeat sales.',
 '顾客在门店、小程序和电商平台消费都能累积积分，会员等级和专属权益自动生效。

营销中心可按标签圈选人群，发送生日礼、沉睡唤醒和积分到期提醒，效果数据实时回传。',
 'Customers earn points whether they buy in store, in a mini program or on a marketplace, and tier benefits apply automatically.

The marketing centre targets audiences by tag and sends birthday gifts, win-back offers and points-expiry reminders, with results reported in real time.',
 'auto', 1, 1, '2026-01-15 14:00:00', '2026-01-15 14:00:00'),
(28, 1, 1,
 '云雀会议室预订', 'Skylark Room Booking',
 '在手机或日历中预订会议室，门口平板显示占用状态，无人签到自动释放。',
 'Book meeting rooms from your phone or calendar, show status on door tablets and release no-show bookings automatically.',
 '员工可按人数、设备和楼层筛选会议室并即时预订，与 Outlook、企业微信和云雀日历同步。

会议开始 10 分钟仍无人签到时，预订自动释放给其他同事。行政人员可查看会议室使用率报表，合理规划办公空间。',
 'Staff filter rooms by capacity, equipment and floor and book instantly, synced with Outlook, WeCom and Skylark Calendar.

If nobody checks in within 10 minutes of the start, the room is released to colleagues. Facilities teams get utilisation reports to plan office space better.',
 'auto', 1, 1, '2026-02-06 11:45:00', '2026-02-06 11:45:00'),
(29, 4, 8,
 '经纬数据同步', 'Meridian Sync',
 '零代码的数据集成工具，把业务数据库和 SaaS 应用的数据实时同步到数据仓库。',
 'No-code data integration that replicates business databases and SaaS apps into your data warehouse in real time.',
 '提供 100 多个预置连接器，基于日志的增量同步对源库几乎没有压力，表结构变更可自动跟随。

任务失败会自动重试并告警，同步延迟和数据量在监控页面一目了然。',
 'Over 100 prebuilt connectors, log-based change capture that barely touches the source database, and schema changes followed automatically.

Failed jobs retry and alert on their own, and sync lag and volumes are visible at a glance on the monitoring page.',
 'auto', 0, 1, '2026-02-11 16:20:00', '2026-02-11 16:20:00'),
(30, 8, 9,
 '砺石应用性能监控', 'Whetstone APM',
 '全链路追踪、指标和日志一体化，快速定位慢请求和异常，缩短故障恢复时间。',
 'Distributed tracing, metrics and logs together, so you find slow requests and errors fast and recover sooner.',
 '探针无侵入接入 Java、Go、Python 和 Node.js 应用，自动绘制服务拓扑，并统计每个接口的耗时与错误率。

告警可推送到企业微信、钉钉、短信和电话，并附带相关调用链和日志，值班工程师打开即可分析。',
 'Agents attach to Java, Go, Python and Node.js services without code changes, draw the service map and track latency and error rate for every endpoint.

Alerts go to WeCom, DingTalk, SMS or phone with the relevant traces and logs attached, so on-call engineers can start analysing straight away.',
 'auto', 0, 1, '2026-03-03 09:05:00', '2026-03-03 09:05:00'),
(31, 5, 7,
 '等保 2.0 合规咨询', 'MLPS 2.0 Compliance Consulting',
 '协助企业完成网络安全等级保护定级、差距分析、整改和测评，顺利通过等保二级或三级。',
 'Guidance through China''s MLPS 2.0 grading, gap analysis, remediation and assessment to pass Level 2 or Level 3.',
 '顾问首先协助完成系统定级与备案，再对照等保 2.0 标准逐项开展差距分析，输出整改方案和管理制度模板。

整改完成后，我们协调具备资质的测评机构进场测评，并全程陪同答疑，直至取得测评报告。',
 'Our consultants first help you grade and register the system, then run a clause-by-clause gap analysis against MLPS 2.0 and deliver a remediation plan with policy templates.

Once remediation is done, we bring in an accredited assessment body and stay with you through the assessment until the report is issued.',
 'manual', 0, 1, '2026-03-22 15:40:00', '2026-03-22 15:40:00'),
(32, 10, 3,
 '知客云呼叫中心', 'Zhike Cloud Call Center',
 '开箱即用的云呼叫中心，支持外呼、呼入排队、通话录音和智能质检。',
 'A ready-to-use cloud call centre with outbound dialling, inbound queues, call recording and quality checks.',
 '坐席通过浏览器或手机即可拨打电话，无需采购硬件；来电自动弹出客户资料，通话记录同步到知客 CRM。

智能质检会对每通录音进行语音转写和关键词检测，帮助主管发现服务风险和销售机会。',
 'Agents call from a browser or phone with no hardware to buy. Incoming calls pop up the customer record, and every call is logged in Zhike CRM.

Smart quality checks transcribe each recording and scan for keywords, helping supervisors spot service risks and sales opportunities.',
 'auto', 0, 1, '2026-03-28 10:50:00', '2026-03-28 10:50:00'),
(33, 3, 2,
 '财务软件上线实施', 'Finance Software Go-live Service',
 '实施顾问协助完成期初数据导入、科目设置、流程配置和财务人员培训，保证按期上线。',
 'Consultants load opening balances, set up the chart of accounts, configure workflows and train your finance team for an on-time go-live.',
 '恒通的实施顾问均具备会计从业背景，熟悉企业会计准则和常见行业的核算要求。

项目通常在两到四周内完成，包括科目体系设计、期初余额导入、凭证模板配置和两次线上培训，上线首月提供专人答疑。',
 'Hengtong''s implementation consultants all have accounting backgrounds and know the Chinese accounting standards and common industry practices well.

A typical project takes two to four weeks and covers chart of accounts design, opening balance import, voucher template setup and two online training sessions, with a named contact for questions in the first month.',
 'manual', 0, 1, '2026-04-16 09:30:00', '2026-04-16 09:30:00'),
(34, 7, 5,
 '网店搭建与上线服务', 'Online Store Setup Service',
 '专业团队为您完成店铺装修、商品上架、支付配置和营销活动设置，快速开业。',
 'Our team decorates your shop, lists products, configures payments and sets up launch promotions so you open quickly.',
 '运营顾问根据品牌调性设计店铺首页和商品详情页模板，并批量整理商品图片和文案完成上架。

我们还会配置支付、物流模板和首发营销活动，开业一个月后与您一起复盘运营数据并给出优化建议。',
 'An operations consultant designs the shop front and product page templates to match your brand, and prepares product images and copy for bulk listing.

We also configure payments, shipping templates and launch promotions, and a month after opening we review your numbers with you and recommend improvements.',
 'manual', 0, 1, '2026-04-24 10:15:00', '2026-04-24 10:15:00'),
(35, 9, 6,
 '白云营销落地页', 'Cirrus Landing Pages',
 '快速制作广告投放落地页，内置表单、A/B 测试和转化追踪。',
 'Build ad landing pages fast, with built-in forms, A/B testing and conversion tracking.',
 '从 200 多个高转化模板开始，几分钟就能为每个广告计划做出专属落地页，并把转化数据回传到主流广告平台。

A/B 测试自动分配流量并判断胜出版本，收集到的线索实时推送到 CRM 或企业微信。',
 'Start from more than 200 high-converting templates and have a dedicated landing page for each campaign within minutes, with conversions reported back to the major ad platforms.

A/B tests split traffic and pick the winner automatically, and captured leads are pushed to your CRM or WeCom in real time.',
 'auto', 0, 1, '2026-05-17 14:00:00', '2026-05-17 14:00:00'),
(36, 6, 4,
 '禾苗绩效与 OKR', 'Seedling Performance & OKR',
 '支持 OKR、KPI 和 360 度评估的绩效管理系统，让目标对齐、过程透明。',
 'Performance management with OKRs, KPIs and 360-degree reviews, keeping goals aligned and progress visible.',
 '公司、部门和个人目标层层对齐，进度更新和评论让管理者随时了解进展。

绩效周期、评分规则和校准流程可灵活配置，考核结果可直接关联调薪和晋升。',
 'Company, team and individual goals align level by level, and progress updates and comments keep managers informed.

Review cycles, scoring rules and calibration are all configurable, and results feed straight into pay reviews and promotions.',
 'auto', 0, 1, '2026-05-27 11:45:00', '2026-05-27 11:45:00'),
(37, 5, 7,
 '青山终端安全', 'Greenhill Endpoint Protection',
 '办公电脑和服务器的防病毒、防勒索与入侵检测，统一在云端管理。',
 'Antivirus, ransomware defence and intrusion detection for office PCs and servers, managed from the cloud.',
 '轻量客户端对日常办公几乎无感，病毒库和行为引擎实时更新，可拦截勒索软件的加密行为并自动回滚文件。

管理员在控制台统一下发策略、查看告警和盘点资产，支持 Windows、macOS 和主流 Linux 发行版。',
 'The lightweight agent is barely noticeable in daily work. Signatures and the behaviour engine update in real time, stopping ransomware encryption and rolling files back automatically.

Admins push policies, review alerts and take inventory from one console, across Windows, macOS and the major Linux distributions.',
 'auto', 0, 1, '2026-06-11 16:20:00', '2026-06-11 16:20:00'),
(38, 2, 10,
 '数字化转型咨询', 'Digital Transformation Consulting',
 '资深顾问诊断企业现状，梳理业务流程，制定三年数字化路线图和系统选型建议。',
 'Senior consultants assess where you are, map your processes and deliver a three-year digital roadmap with system recommendations.',
 '咨询以两天的高管工作坊开始，随后顾问访谈各部门关键人员，评估现有系统和数据基础。

最终交付物包括现状诊断报告、目标业务架构、系统选型建议和分阶段实施路线图，并向管理层正式汇报。',
 'Work begins with a two-day executive workshop, followed by interviews with key people in each department and an assessment of existing systems and data.

Deliverables include an assessment report, a target business architecture, system selection advice and a phased roadmap, presented formally to the leadership team.',
 'manual', 0, 1, '2026-06-29 09:05:00', '2026-06-29 09:05:00'),
(39, 2, 1,
 '企业邮箱迁移服务', 'Business Email Migration',
 '将旧邮箱系统中的邮件、联系人和日历迁移到新邮箱，迁移期间收发不中断。',
 'Move mail, contacts and calendars from your old email system to the new one without interrupting send or receive.',
 '工程师先评估现有邮箱的账号数量和数据量，制定迁移批次和 DNS 切换计划。

迁移采用先同步历史邮件、再切换 MX 记录、最后增量补齐的方式，员工几乎无感知。完成后提供逐账号核对清单。',
 'Engineers first size up accounts and data volume in your current system and plan migration batches and the DNS cut-over.

We sync historical mail first, switch the MX records, then top up anything new, so staff barely notice. You get an account-by-account checklist when it is done.',
 'manual', 0, 1, '2026-07-08 15:40:00', '2026-07-08 15:40:00'),
(40, 3, 2,
 '恒通资金管理', 'Hengtong Treasury',
 '直连多家银行，实时查看集团各账户余额和流水，统一管理付款与资金计划。',
 'Direct connections to many banks for real-time balances and transactions across group accounts, with unified payments and cash planning.',
 '恒通资金管理通过银企直联对接国内主要商业银行，集团财务可在一个界面看到所有子公司的账户余额。

付款指令经审批后提交银行执行，资金计划与实际收支自动比对，帮助企业提高资金使用效率并防范支付风险。',
 'Hengtong Treasury connects directly to China''s major commercial banks, so group finance sees every subsidiary''s balances on one screen.

Payment instructions go to the bank after approval, and cash plans are compared with actual receipts and payments automatically, improving how cash is used and reducing payment risk.',
 'auto', 0, 1, '2026-07-30 10:50:00', '2026-07-30 10:50:00'),
(41, 7, 5,
 '繁星门店收银', 'Starfield POS',
 '适用于零售和餐饮门店的云收银系统，支持扫码支付、会员识别和连锁管理。',
 'Cloud point-of-sale for retail and food outlets, with QR payments, member recognition and chain management.',
 '收银机、平板和手机都能作为收银设备，断网时也能继续收款，网络恢复后自动同步数据。

总部统一管理商品、价格和促销，门店库存实时可见；日结报表和交接班记录让店长更省心。',
 'Use a till, tablet or phone as the register. Sales continue when the network drops and sync once it comes back.

Head office manages products, prices and promotions centrally, store inventory is visible in real time, and daily close and shift hand-over reports make store managers'' lives easier.',
 'auto', 0, 1, '2026-08-04 09:30:00', '2026-08-04 09:30:00'),
(42, 4, 8,
 '数据仓库搭建服务', 'Data Warehouse Build-out',
 '数据工程师为您规划并搭建企业数据仓库，完成数据建模、ETL 开发和核心报表。',
 'Our data engineers design and build your company data warehouse, covering modelling, ETL development and core reports.',
 '项目从梳理业务指标开始，按照分层建模方法设计 ODS、DWD、DWS 和 ADS 各层，保证指标口径统一、可追溯。

交付内容包括数据模型文档、调度任务、数据质量规则和 10 张核心报表，并培训您的团队接手日常维护。',
 'We start by agreeing the business metrics, then design layered models (ODS, DWD, DWS and ADS) so every definition is consistent and traceable.

You receive model documentation, scheduled jobs, data quality rules and ten core reports, and we train your team to take over day-to-day maintenance.',
 'manual', 0, 1, '2026-08-24 10:15:00', '2026-08-24 10:15:00'),
(43, 8, 9,
 '容器化迁移服务', 'Kubernetes Migration Service',
 '将传统虚拟机部署的应用改造并迁移到 Kubernetes，建立标准化的发布与运维体系。',
 'Re-platform applications from virtual machines onto Kubernetes and set up standard release and operations practices.',
 '架构师评估现有应用的依赖和状态管理方式，制定容器化改造方案和迁移顺序，优先迁移无状态服务。

我们负责编写镜像构建脚本、Helm Chart 和监控告警配置，并完成生产切换演练，确保迁移过程中业务不中断。',
 'Architects review each application''s dependencies and state handling, then plan the containerisation work and migration order, starting with stateless services.

We write the image builds, Helm charts and monitoring and alerting configuration, and rehearse the production cut-over so the business keeps running throughout.',
 'manual', 0, 1, '2026-09-12 14:00:00', '2026-09-12 14:00:00'),
(44, 2, 3,
 'CRM 数据清洗与导入', 'CRM Data Cleansing & Import',
 '对散落在 Excel、旧系统和名片中的客户数据去重、补全并规范后导入 CRM。',
 'De-duplicate, enrich and standardise customer data from spreadsheets, old systems and business cards, then load it into your CRM.',
 '数据专员按照您的 CRM 字段规范整理客户、联系人和历史跟进记录，识别重复客户并合并。

导入前提供抽样核对表供销售负责人确认，导入后保留原始数据备份和字段映射说明，方便日后追溯。',
 'Data specialists organise accounts, contacts and activity history to fit your CRM''s fields, finding and merging duplicates.

Before import, sales leaders sign off on a sample check sheet. Afterwards we keep a backup of the raw data and document the field mapping for future reference.',
 'manual', 0, 1, '2026-09-18 11:45:00', '2026-09-18 11:45:00'),
(45, 6, 4,
 '薪酬体系设计咨询', 'Compensation Structure Consulting',
 '结合行业薪酬数据为企业设计职级体系和薪酬带宽，兼顾内部公平与外部竞争力。',
 'Design job levels and pay bands using industry pay data, balancing internal fairness and market competitiveness.',
 '顾问通过岗位价值评估建立职级体系，并参考同城同行业的薪酬调研数据确定各职级的薪酬带宽。

交付物包括职级与薪酬手册、调薪规则和测算模型，顾问还会协助 HR 向员工沟通新方案。',
 'Consultants build a job-level framework through job evaluation and set pay bands for each level using survey data from your city and industry.

You receive a levels and pay handbook, pay-review rules and a costing model, and the consultant helps HR explain the new scheme to employees.',
 'manual', 0, 1, '2026-10-07 16:20:00', '2026-10-07 16:20:00'),
(46, 9, 6,
 '网站迁移与备案协助', 'Website Migration & ICP Filing Help',
 '把已有网站迁移到国内云服务器并协助完成 ICP 备案，迁移过程不影响访问。',
 'Move your existing site onto mainland cloud servers and get help with ICP filing, without downtime during the move.',
 '工程师评估原网站的程序、数据库和运行环境，在新服务器上完整复制并进行功能测试。

备案专员指导准备主体和网站材料，跟进管局审核进度；备案通过后再切换域名解析，确保访问不中断。',
 'Engineers assess the site''s code, database and dependencies, replicate everything on the new server and test it.

A filing specialist helps prepare company and site documents and follows the review with the regulator. DNS is switched only after the filing is approved, so visitors see no interruption.',
 'manual', 0, 1, '2026-10-15 09:05:00', '2026-10-15 09:05:00'),
(47, 4, 8,
 '经纬客户数据平台', 'Meridian CDP',
 '打通线上线下客户数据，构建统一客户画像，支撑精准营销和个性化推荐。',
 'Unify online and offline customer data into a single profile that powers targeted marketing and personalised recommendations.',
 '经纬 CDP 通过 ID-Mapping 把来自官网、小程序、门店和电商平台的行为与交易数据归并到同一位客户。

营销人员可以用标签和规则圈选人群，一键同步到广告平台、短信和企业微信；所有数据处理均留痕，满足合规审计要求。',
 'Meridian CDP uses identity resolution to merge behaviour and transactions from your website, mini program, stores and marketplaces into one customer.

Marketers build audiences from tags and rules and sync them to ad platforms, SMS and WeCom in one click, and every processing step is logged for compliance audits.',
 'auto', 0, 1, '2026-11-07 15:40:00', '2026-11-07 15:40:00'),
(48, 1, 10,
 '云雀办公培训服务', 'Skylark Office Training',
 '讲师到场或线上为员工讲解云雀文档与协作工具，帮助团队快速掌握高效办公方法。',
 'On-site or online sessions that teach your staff Skylark Docs and collaboration tools so the team gets productive quickly.',
 '课程按岗位分为普通员工、管理员和内训师三个方向，配有练习材料和课后测验。

培训结束后提供课程录像和操作手册，学员可在 30 天内通过在线答疑继续提问。',
 'Courses are tailored for everyday staff, administrators and internal trainers, with exercises and a short quiz after each session.

Afterwards you get the recordings and a user guide, and attendees can keep asking questions through online Q&A for 30 days.',
 'manual', 0, 1, '2026-11-18 10:50:00', '2026-11-18 10:50:00');

INSERT INTO specs (id, product_id, name_zh, name_en, features_zh, features_en, position, active, created_at, updated_at) VALUES
-- 1 云雀文档 经典版
(1, 1, '标准版', 'Standard', '在线文档，表格，10 GB 团队空间', 'Online docs, spreadsheets, 10 GB team storage', 1, 1, '2025-01-06 09:30:00', '2025-01-06 09:30:00'),
(2, 1, '专业版', 'Professional', '在线文档，表格，100 GB 团队空间，操作日志', 'Online docs, spreadsheets, 100 GB team storage, activity log', 2, 1, '2025-01-06 09:30:00', '2025-01-06 09:30:00'),
-- 2 知客 CRM 旧版
(3, 2, '10 用户', '10 users', '客户档案，商机管理，基础报表', 'Account records, opportunity management, basic reports', 1, 1, '2025-01-23 10:15:00', '2025-01-23 10:15:00'),
(4, 2, '30 用户', '30 users', '客户档案，商机管理，基础报表，数据导出', 'Account records, opportunity management, basic reports, data export', 2, 1, '2025-01-23 10:15:00', '2025-01-23 10:15:00'),
-- 3 恒通云记账
(5, 3, '基础版', 'Basic', '1 个账套，凭证与账簿，标准财务报表', '1 ledger, vouchers and ledgers, standard statements', 1, 1, '2025-02-01 14:00:00', '2025-02-01 14:00:00'),
(6, 3, '标准版', 'Standard', '3 个账套，银行流水导入，纳税申报', '3 ledgers, bank statement import, tax filing', 2, 1, '2025-02-01 14:00:00', '2025-02-01 14:00:00'),
(7, 3, '代账版', 'Accounting Firm', '50 个账套，多客户管理，批量报税，员工权限', '50 ledgers, multi-client management, bulk tax filing, staff permissions', 3, 1, '2025-02-01 14:00:00', '2025-02-01 14:00:00'),
(8, 3, '集团版', 'Group', '200 个账套，合并报表，多组织权限，专属客服', '200 ledgers, consolidated reports, multi-entity permissions, dedicated support', 4, 1, '2025-02-01 14:00:00', '2025-02-01 14:00:00'),
-- 4 云雀文档
(9, 4, '基础版', 'Basic', '20 人以内，100 GB 空间，历史版本保留 30 天', 'Up to 20 people, 100 GB storage, 30-day version history', 1, 1, '2025-02-23 11:45:00', '2025-02-23 11:45:00'),
(10, 4, '标准版', 'Standard', '100 人以内，1 TB 空间，知识库，外部分享管控', 'Up to 100 people, 1 TB storage, wikis, external sharing controls', 2, 1, '2025-02-23 11:45:00', '2025-02-23 11:45:00'),
(11, 4, '企业版', 'Enterprise', '不限人数，10 TB 空间，水印，审计日志，SSO 登录', 'Unlimited people, 10 TB storage, watermarks, audit log, SSO', 3, 1, '2025-02-23 11:45:00', '2025-02-23 11:45:00'),
(12, 4, '团队版（旧）', 'Team (legacy)', '50 人以内，200 GB 空间', 'Up to 50 people, 200 GB storage', 4, 0, '2025-02-23 11:45:00', '2025-02-23 11:45:00'),
-- 5 知客 CRM
(13, 5, '团队版 10 用户', 'Team, 10 users', '线索与商机，销售漏斗，移动端，邮件集成', 'Leads and opportunities, sales funnel, mobile app, email integration', 1, 1, '2025-02-28 16:20:00', '2025-02-28 16:20:00'),
(14, 5, '专业版 30 用户', 'Professional, 30 users', '自定义字段，审批流，业绩预测，API 接口', 'Custom fields, approval flows, sales forecast, API access', 2, 1, '2025-02-28 16:20:00', '2025-02-28 16:20:00'),
(15, 5, '企业版 100 用户', 'Enterprise, 100 users', '多组织架构，公海池规则，数据权限，专属客户成功经理', 'Multi-entity structure, shared-pool rules, data permissions, dedicated customer success manager', 3, 1, '2025-02-28 16:20:00', '2025-02-28 16:20:00'),
(16, 5, '标准版 2023（停售）', 'Standard 2023 (discontinued)', '20 用户，商机管理，基础报表', '20 users, opportunity management, basic reports', 4, 0, '2025-02-28 16:20:00', '2025-02-28 16:20:00'),
-- 6 禾苗人事
(17, 6, '50 人', '50 employees', '员工档案，入离职流程，每月 20 份电子合同', 'Employee records, onboarding and exit flows, 20 e-contracts a month', 1, 1, '2025-03-20 09:05:00', '2025-03-20 09:05:00'),
(18, 6, '200 人', '200 employees', '组织架构，每月 100 份电子合同，员工自助', 'Org chart, 100 e-contracts a month, employee self-service', 2, 1, '2025-03-20 09:05:00', '2025-03-20 09:05:00'),
(19, 6, '1000 人', '1,000 employees', '多法人主体，自定义审批，电子合同不限量，开放 API', 'Multiple legal entities, custom approvals, unlimited e-contracts, open API', 3, 1, '2025-03-20 09:05:00', '2025-03-20 09:05:00'),
-- 7 白云自助建站
(20, 7, '个人版', 'Personal', '1 个站点，5 GB 空间，绑定自有域名', '1 site, 5 GB storage, custom domain', 1, 1, '2025-04-08 15:40:00', '2025-04-08 15:40:00'),
(21, 7, '企业版', 'Business', '1 个站点，50 GB 空间，多语言，表单与会员', '1 site, 50 GB storage, multilingual, forms and members', 2, 1, '2025-04-08 15:40:00', '2025-04-08 15:40:00'),
(22, 7, '旗舰版', 'Premium', '3 个站点，200 GB 空间，小程序同步，电商模块，优先支持', '3 sites, 200 GB storage, mini program sync, shop module, priority support', 3, 1, '2025-04-08 15:40:00', '2025-04-08 15:40:00'),
(23, 7, '集团版', 'Group', '20 个站点，统一后台，多人协作，99.9% 可用性承诺', '20 sites, central admin, team editing, 99.9% uptime SLA', 4, 1, '2025-04-08 15:40:00', '2025-04-08 15:40:00'),
-- 8 繁星微商城
(24, 8, '基础版', 'Basic', '小程序店铺，商品与订单，优惠券', 'Mini-program shop, products and orders, coupons', 1, 1, '2025-04-14 10:50:00', '2025-04-14 10:50:00'),
(25, 8, '专业版', 'Professional', '拼团与秒杀，分销推广，会员等级', 'Group buying and flash sales, affiliate promotion, member tiers', 2, 1, '2025-04-14 10:50:00', '2025-04-14 10:50:00'),
(26, 8, '旗舰版', 'Flagship', '多门店，直播带货，开放 API，专属运营顾问', 'Multiple stores, live-stream selling, open API, dedicated operations adviser', 3, 1, '2025-04-14 10:50:00', '2025-04-14 10:50:00'),
-- 9 青山 Web 应用防火墙
(27, 9, '高级版', 'Advanced', '1 个主域名，10 个子域名，QPS 2000，OWASP 防护', '1 root domain, 10 subdomains, 2,000 QPS, OWASP protection', 1, 1, '2025-05-03 09:30:00', '2025-05-03 09:30:00'),
(28, 9, '企业版', 'Enterprise', '5 个主域名，50 个子域名，QPS 5000，BOT 管理，API 防护', '5 root domains, 50 subdomains, 5,000 QPS, bot management, API protection', 2, 1, '2025-05-03 09:30:00', '2025-05-03 09:30:00'),
(29, 9, '旗舰版', 'Ultimate', '15 个主域名，QPS 10000，专属规则，安全专家值守', '15 root domains, 10,000 QPS, custom rules, security experts on duty', 3, 1, '2025-05-03 09:30:00', '2025-05-03 09:30:00'),
(30, 9, '独享版', 'Dedicated', '独享防护集群，30 个主域名，QPS 50000，专属带宽', 'Dedicated protection cluster, 30 root domains, 50,000 QPS, dedicated bandwidth', 4, 1, '2025-05-03 09:30:00', '2025-05-03 09:30:00'),
-- 10 经纬 BI
(31, 10, '个人版', 'Personal', '1 位用户，3 个数据源，仪表盘', '1 user, 3 data sources, dashboards', 1, 1, '2025-05-11 10:15:00', '2025-05-11 10:15:00'),
(32, 10, '团队版 5 用户', 'Team, 5 users', '10 个数据源，仪表盘，定时推送', '10 data sources, dashboards, scheduled delivery', 2, 1, '2025-05-11 10:15:00', '2025-05-11 10:15:00'),
(33, 10, '专业版 20 用户', 'Professional, 20 users', '不限数据源，行级权限，数据填报', 'Unlimited data sources, row-level permissions, data entry forms', 3, 1, '2025-05-11 10:15:00', '2025-05-11 10:15:00'),
(34, 10, '企业版 不限用户', 'Enterprise, unlimited users', '嵌入式分析，审计日志，可选私有化部署', 'Embedded analytics, audit log, optional on-premises deployment', 4, 1, '2025-05-11 10:15:00', '2025-05-11 10:15:00'),
-- 11 R&D 项目管理
(35, 11, '入门版 3 用户', 'Starter, 3 users', '需求与任务，看板，缺陷管理', 'Requirements and tasks, boards, bug tracking', 1, 1, '2025-06-03 14:00:00', '2025-06-03 14:00:00'),
(36, 11, '团队版 10 用户', 'Team, 10 users', '迭代规划，燃尽图，缺陷管理', 'Sprint planning, burndown charts, bug tracking', 2, 1, '2025-06-03 14:00:00', '2025-06-03 14:00:00'),
(37, 11, '专业版 50 用户', 'Professional, 50 users', '测试管理，Git 集成，效能度量', 'Test management, Git integration, delivery metrics', 3, 1, '2025-06-03 14:00:00', '2025-06-03 14:00:00'),
(38, 11, '企业版 200 用户', 'Enterprise, 200 users', '项目集管理，自定义工作流，SSO，审计日志', 'Programme management, custom workflows, SSO, audit log', 4, 1, '2025-06-03 14:00:00', '2025-06-03 14:00:00'),
-- 12 ERP 系统实施服务
(39, 12, '标准实施（20 人天）', 'Standard implementation (20 person-days)', '需求调研，标准流程配置，数据初始化，用户培训', 'Requirements discovery, standard process setup, data initialisation, user training', 1, 1, '2025-06-13 11:45:00', '2025-06-13 11:45:00'),
(40, 12, '深度实施（60 人天）', 'Extended implementation (60 person-days)', '流程定制，二次开发评估，接口对接，一个月驻场支持', 'Process tailoring, customisation assessment, integrations, one month on-site support', 2, 1, '2025-06-13 11:45:00', '2025-06-13 11:45:00'),
(41, 12, '年度运维支持', 'Annual support retainer', '远程支持，季度巡检，每年 10 人天现场服务', 'Remote support, quarterly health checks, 10 on-site person-days a year', 3, 1, '2025-06-13 11:45:00', '2025-06-13 11:45:00'),
-- 13 电子发票助手
(42, 13, '基础版', 'Basic', '每月开票 200 张，发票查验，电子归档', '200 invoices a month, invoice verification, e-archiving', 1, 1, '2025-06-28 16:20:00', '2025-06-28 16:20:00'),
(43, 13, '标准版', 'Standard', '每月开票 2000 张，批量开票，ERP 对接', '2,000 invoices a month, bulk issuing, ERP integration', 2, 1, '2025-06-28 16:20:00', '2025-06-28 16:20:00'),
(44, 13, '专业版', 'Professional', '开票量不限，多税号管理，进项勾选认证，开放 API', 'Unlimited invoices, multiple tax IDs, input invoice certification, open API', 3, 1, '2025-06-28 16:20:00', '2025-06-28 16:20:00'),
-- 14 企业官网定制开发
(45, 14, '展示型官网（10 页）', 'Showcase site (10 pages)', '定制设计，响应式布局，内容管理后台，一年维护', 'Custom design, responsive layout, CMS back office, one year of maintenance', 1, 1, '2025-07-16 09:05:00', '2025-07-16 09:05:00'),
(46, 14, '营销型官网（30 页）', 'Marketing site (30 pages)', '多语言，SEO 优化，询盘表单与 CRM 对接，一年维护', 'Multilingual, SEO, enquiry forms connected to CRM, one year of maintenance', 2, 1, '2025-07-16 09:05:00', '2025-07-16 09:05:00'),
(47, 14, '品牌旗舰官网', 'Flagship brand site', '品牌视觉升级，交互动效，多站点管理，专属项目经理', 'Brand refresh, interactive motion design, multi-site management, dedicated project manager', 3, 1, '2025-07-16 09:05:00', '2025-07-16 09:05:00'),
-- 15 禾苗考勤排班
(48, 15, '50 人', '50 employees', '多方式打卡，固定班次，考勤报表', 'Multiple clock-in methods, fixed shifts, attendance reports', 1, 1, '2025-07-25 15:40:00', '2025-07-25 15:40:00'),
(49, 15, '200 人', '200 employees', '轮班排班，加班管理，薪酬系统对接', 'Rotating shifts, overtime management, payroll integration', 2, 1, '2025-07-25 15:40:00', '2025-07-25 15:40:00'),
(50, 15, '500 人', '500 employees', '多地点多规则，人脸考勤机接入，开放 API', 'Multiple sites and rule sets, face-recognition terminals, open API', 3, 1, '2025-07-25 15:40:00', '2025-07-25 15:40:00'),
-- 16 青山漏洞扫描
(51, 16, '基础版', 'Basic', '5 个资产，每月扫描 1 次，PDF 报告', '5 assets, monthly scan, PDF report', 1, 1, '2025-08-16 10:50:00', '2025-08-16 10:50:00'),
(52, 16, '专业版', 'Professional', '50 个资产，每周扫描，弱口令检测，一键复测', '50 assets, weekly scans, weak password checks, one-click re-test', 2, 1, '2025-08-16 10:50:00', '2025-08-16 10:50:00'),
(53, 16, '企业版', 'Enterprise', '500 个资产，每日扫描，资产自动发现，工单集成', '500 assets, daily scans, automatic asset discovery, ticketing integration', 3, 1, '2025-08-16 10:50:00', '2025-08-16 10:50:00'),
-- 17 写作台
(54, 17, '个人版', 'Personal', '1 位作者，文稿数量不限，Markdown 与导出', '1 author, unlimited drafts, Markdown and export', 1, 1, '2025-08-21 09:30:00', '2025-08-21 09:30:00'),
(55, 17, '团队版', 'Team', '10 位成员，批注与审稿，AI 润色每月 20 万字', '10 members, comments and review, AI polishing for 200,000 characters a month', 2, 1, '2025-08-21 09:30:00', '2025-08-21 09:30:00'),
(56, 17, '机构版', 'Organisation', '50 位成员，稿件流程，品牌模板，AI 润色不限量', '50 members, editorial workflow, brand templates, unlimited AI polishing', 3, 1, '2025-08-21 09:30:00', '2025-08-21 09:30:00'),
-- 18 多平台订单中心
(57, 18, '5 个店铺', '5 shops', '订单同步，电子面单，库存同步', 'Order sync, shipping labels, inventory sync', 1, 1, '2025-09-10 10:15:00', '2025-09-10 10:15:00'),
(58, 18, '20 个店铺', '20 shops', '多仓库，智能分仓，售后管理', 'Multiple warehouses, smart routing, after-sales management', 2, 1, '2025-09-10 10:15:00', '2025-09-10 10:15:00'),
(59, 18, '店铺不限', 'Unlimited shops', 'WMS 对接，财务对账，开放 API，专属实施顾问', 'WMS integration, financial reconciliation, open API, dedicated implementation consultant', 3, 1, '2025-09-10 10:15:00', '2025-09-10 10:15:00'),
-- 19 知客客服工单
(60, 19, '3 坐席', '3 agents', '邮件与网页渠道，工单分派，知识库', 'Email and web channels, ticket routing, knowledge base', 1, 1, '2025-09-29 14:00:00', '2025-09-29 14:00:00'),
(61, 19, '10 坐席', '10 agents', '微信与电话渠道，SLA 规则，满意度评价', 'WeChat and phone channels, SLA rules, satisfaction ratings', 2, 1, '2025-09-29 14:00:00', '2025-09-29 14:00:00'),
(62, 19, '30 坐席', '30 agents', '多品牌帮助中心，自定义报表，CRM 双向同步', 'Multi-brand help centres, custom reports, two-way CRM sync', 3, 1, '2025-09-29 14:00:00', '2025-09-29 14:00:00'),
(63, 19, '100 坐席', '100 agents', '多语言，智能客服机器人，独立部署', 'Multilingual, AI chatbot, dedicated deployment', 4, 1, '2025-09-29 14:00:00', '2025-09-29 14:00:00'),
-- 20 砺石持续集成
(64, 20, '入门版', 'Starter', '每月 1000 构建分钟，2 个并发', '1,000 build minutes a month, 2 concurrent jobs', 1, 1, '2025-10-05 11:45:00', '2025-10-05 11:45:00'),
(65, 20, '专业版', 'Professional', '每月 10000 构建分钟，10 个并发，制品库', '10,000 build minutes a month, 10 concurrent jobs, artifact repository', 2, 1, '2025-10-05 11:45:00', '2025-10-05 11:45:00'),
(66, 20, '企业版', 'Enterprise', '构建分钟不限，自托管执行器，审批与审计', 'Unlimited build minutes, self-hosted runners, approvals and audit', 3, 1, '2025-10-05 11:45:00', '2025-10-05 11:45:00'),
(67, 20, '专属集群版', 'Dedicated', '独享构建集群，99.95% 可用性承诺，专属技术支持', 'Dedicated build cluster, 99.95% uptime SLA, dedicated technical support', 4, 1, '2025-10-05 11:45:00', '2025-10-05 11:45:00'),
-- 21 渗透测试服务
(68, 21, '单系统测试', 'Single system', '1 个 Web 系统或 App，5 人天，正式报告，1 次复测', '1 web system or app, 5 person-days, formal report, 1 re-test', 1, 1, '2025-10-24 16:20:00', '2025-10-24 16:20:00'),
(69, 21, '多系统测试', 'Multiple systems', '最多 5 个系统，15 人天，内网测试，2 次复测', 'Up to 5 systems, 15 person-days, internal network testing, 2 re-tests', 2, 1, '2025-10-24 16:20:00', '2025-10-24 16:20:00'),
(70, 21, '年度安全服务', 'Annual security service', '每季度 1 次渗透测试，应急响应，漏洞通告', 'Quarterly penetration tests, incident response, vulnerability bulletins', 3, 1, '2025-10-24 16:20:00', '2025-10-24 16:20:00'),
-- 22 经纬网站分析
(71, 22, '基础版', 'Basic', '每月 10 万次页面浏览，3 个站点', '100,000 page views a month, 3 sites', 1, 1, '2025-11-01 09:05:00', '2025-11-01 09:05:00'),
(72, 22, '专业版', 'Professional', '每月 200 万次页面浏览，转化漏斗，自定义事件', '2 million page views a month, conversion funnels, custom events', 2, 1, '2025-11-01 09:05:00', '2025-11-01 09:05:00'),
(73, 22, '企业版', 'Enterprise', '每月 5000 万次页面浏览，原始数据导出，私有化采集', '50 million page views a month, raw data export, self-hosted collection', 3, 1, '2025-11-01 09:05:00', '2025-11-01 09:05:00'),
-- 23 数据迁移服务
(74, 23, '标准迁移（100 万条以内）', 'Standard (up to 1M records)', '字段映射，数据清洗，2 轮演练，校验报告', 'Field mapping, data cleansing, 2 rehearsals, validation report', 1, 1, '2025-11-24 15:40:00', '2025-11-24 15:40:00'),
(75, 23, '大型迁移（1000 万条以内）', 'Large (up to 10M records)', '增量同步，停机窗口规划，回退方案', 'Incremental sync, downtime window planning, rollback plan', 2, 1, '2025-11-24 15:40:00', '2025-11-24 15:40:00'),
(76, 23, '迁移后驻场支持（5 人天）', 'Post-migration support (5 person-days)', '上线陪跑，数据问题修复，操作答疑', 'Go-live support, data issue fixes, user Q&A', 3, 1, '2025-11-24 15:40:00', '2025-11-24 15:40:00'),
-- 24 恒通费用报销
(77, 24, '50 人', '50 employees', '拍票识别，审批流，差旅标准', 'Receipt capture, approval flows, travel policy', 1, 1, '2025-12-04 10:50:00', '2025-12-04 10:50:00'),
(78, 24, '200 人', '200 employees', '预算控制，网银付款，凭证生成', 'Budget control, online banking payments, journal entries', 2, 1, '2025-12-04 10:50:00', '2025-12-04 10:50:00'),
(79, 24, '人数不限', 'Unlimited employees', '多公司，商旅平台对接，开放 API', 'Multiple companies, travel platform integration, open API', 3, 1, '2025-12-04 10:50:00', '2025-12-04 10:50:00'),
-- 25 小程序定制开发
(80, 25, '标准小程序', 'Standard mini program', '10 个页面以内，会员与预约，后台管理', 'Up to 10 pages, members and bookings, admin back office', 1, 1, '2025-12-19 09:30:00', '2025-12-19 09:30:00'),
(81, 25, '商城小程序', 'Shop mini program', '商品与订单，微信支付，营销插件，后台管理', 'Products and orders, WeChat Pay, marketing plugins, admin back office', 2, 1, '2025-12-19 09:30:00', '2025-12-19 09:30:00'),
(82, 25, '年度维护', 'Annual maintenance', '功能小改，兼容性更新，服务器运维', 'Minor changes, compatibility updates, server operations', 3, 1, '2025-12-19 09:30:00', '2025-12-19 09:30:00'),
-- 26 禾苗智能招聘
(83, 26, '5 个职位', '5 open jobs', '多渠道发布，简历解析', 'Multi-board posting, résumé parsing', 1, 1, '2026-01-06 10:15:00', '2026-01-06 10:15:00'),
(84, 26, '10 个职位', '10 open jobs', '多渠道发布，简历解析，面试安排', 'Multi-board posting, résumé parsing, interview scheduling', 2, 1, '2026-01-06 10:15:00', '2026-01-06 10:15:00'),
(85, 26, '50 个职位', '50 open jobs', 'AI 人岗匹配，人才库，内推管理', 'AI job matching, talent pool, referral management', 3, 1, '2026-01-06 10:15:00', '2026-01-06 10:15:00'),
(86, 26, '职位不限', 'Unlimited jobs', '校园招聘，测评系统对接，多法人主体', 'Campus hiring, assessment integration, multiple legal entities', 4, 1, '2026-01-06 10:15:00', '2026-01-06 10:15:00'),
-- 27 繁星会员积分
(87, 27, '1 万会员', '10k members', '积分与等级，储值卡，会员小程序', 'Points and tiers, stored-value cards, member mini program', 1, 1, '2026-01-15 14:00:00', '2026-01-15 14:00:00'),
(88, 27, '10 万会员', '100k members', '标签圈人，自动化营销，优惠券中心', 'Tag-based audiences, marketing automation, coupon centre', 2, 1, '2026-01-15 14:00:00', '2026-01-15 14:00:00'),
(89, 27, '100 万会员', '1M members', '多品牌会员通，数据回流，开放 API', 'Cross-brand membership, data feedback, open API', 3, 1, '2026-01-15 14:00:00', '2026-01-15 14:00:00'),
-- 28 云雀会议室预订
(90, 28, '10 间会议室', '10 rooms', '在线预订，日历同步，签到释放', 'Online booking, calendar sync, check-in release', 1, 1, '2026-02-06 11:45:00', '2026-02-06 11:45:00'),
(91, 28, '50 间会议室', '50 rooms', '门口平板，访客预约，使用率报表', 'Door tablets, visitor booking, utilisation reports', 2, 1, '2026-02-06 11:45:00', '2026-02-06 11:45:00'),
(92, 28, '会议室不限', 'Unlimited rooms', '多园区，工位预订，门禁对接', 'Multiple campuses, desk booking, door access integration', 3, 1, '2026-02-06 11:45:00', '2026-02-06 11:45:00'),
-- 29 经纬数据同步
(93, 29, '基础版', 'Basic', '5 个同步任务，每月 1000 万行', '5 sync jobs, 10 million rows a month', 1, 1, '2026-02-11 16:20:00', '2026-02-11 16:20:00'),
(94, 29, '专业版', 'Professional', '30 个同步任务，每月 2 亿行，实时同步', '30 sync jobs, 200 million rows a month, real-time sync', 2, 1, '2026-02-11 16:20:00', '2026-02-11 16:20:00'),
(95, 29, '企业版', 'Enterprise', '同步任务不限，专属资源组，跨云同步', 'Unlimited sync jobs, dedicated resource group, cross-cloud sync', 3, 1, '2026-02-11 16:20:00', '2026-02-11 16:20:00'),
-- 30 砺石应用性能监控
(96, 30, '入门版', 'Starter', '3 个探针，数据保留 3 天', '3 agents, 3-day retention', 1, 1, '2026-03-03 09:05:00', '2026-03-03 09:05:00'),
(97, 30, '基础版', 'Basic', '10 个探针，数据保留 7 天', '10 agents, 7-day retention', 2, 1, '2026-03-03 09:05:00', '2026-03-03 09:05:00'),
(98, 30, '专业版', 'Professional', '50 个探针，数据保留 30 天，日志关联', '50 agents, 30-day retention, log correlation', 3, 1, '2026-03-03 09:05:00', '2026-03-03 09:05:00'),
(99, 30, '企业版', 'Enterprise', '200 个探针，数据保留 180 天，可选私有化部署', '200 agents, 180-day retention, optional on-premises deployment', 4, 1, '2026-03-03 09:05:00', '2026-03-03 09:05:00'),
-- 31 等保 2.0 合规咨询
(100, 31, '等保二级', 'Level 2', '定级备案，差距分析，整改方案，测评陪同', 'Grading and registration, gap analysis, remediation plan, assessment support', 1, 1, '2026-03-22 15:40:00', '2026-03-22 15:40:00'),
(101, 31, '等保三级', 'Level 3', '定级备案，差距分析，技术与管理整改，测评陪同', 'Grading and registration, gap analysis, technical and policy remediation, assessment support', 2, 1, '2026-03-22 15:40:00', '2026-03-22 15:40:00'),
(102, 31, '年度复评陪同', 'Annual re-assessment support', '年度差距复查，制度更新，测评陪同', 'Yearly gap review, policy updates, assessment support', 3, 1, '2026-03-22 15:40:00', '2026-03-22 15:40:00'),
-- 32 知客云呼叫中心
(103, 32, '5 坐席', '5 seats', '外呼与呼入，通话录音，CRM 弹屏', 'Outbound and inbound calls, call recording, CRM screen pop', 1, 1, '2026-03-28 10:50:00', '2026-03-28 10:50:00'),
(104, 32, '20 坐席', '20 seats', 'IVR 导航，排队策略，预测式外呼', 'IVR menus, queue strategies, predictive dialling', 2, 1, '2026-03-28 10:50:00', '2026-03-28 10:50:00'),
(105, 32, '50 坐席', '50 seats', '智能质检，语音转写，多中心管理', 'Smart quality checks, speech transcription, multi-site management', 3, 1, '2026-03-28 10:50:00', '2026-03-28 10:50:00'),
(106, 32, '100 坐席', '100 seats', '全部功能，专属线路，7×24 小时技术支持', 'All features, dedicated lines, 24/7 technical support', 4, 1, '2026-03-28 10:50:00', '2026-03-28 10:50:00'),
-- 33 财务软件上线实施
(107, 33, '单账套实施', 'Single ledger', '科目设置，期初导入，2 次培训', 'Chart of accounts, opening balances, 2 training sessions', 1, 1, '2026-04-16 09:30:00', '2026-04-16 09:30:00'),
(108, 33, '多账套实施', 'Multiple ledgers', '最多 5 个账套，合并报表配置，4 次培训', 'Up to 5 ledgers, consolidation setup, 4 training sessions', 2, 1, '2026-04-16 09:30:00', '2026-04-16 09:30:00'),
-- 34 网店搭建与上线服务
(109, 34, '基础搭建（50 个商品）', 'Basic setup (50 products)', '店铺装修，商品上架，支付与物流配置', 'Shop design, product listing, payment and shipping setup', 1, 1, '2026-04-24 10:15:00', '2026-04-24 10:15:00'),
(110, 34, '全案搭建（300 个商品）', 'Full setup (300 products)', '品牌视觉，详情页设计，首发活动策划，开业复盘', 'Brand visuals, product page design, launch campaign, post-launch review', 2, 1, '2026-04-24 10:15:00', '2026-04-24 10:15:00'),
(111, 34, '代运营月度服务', 'Managed operations (monthly)', '日常上新，活动运营，月度数据报告', 'New listings, campaign operations, monthly performance report', 3, 1, '2026-04-24 10:15:00', '2026-04-24 10:15:00'),
-- 35 白云营销落地页
(112, 35, '基础版', 'Basic', '20 个页面，每月 5 万次访问，表单收集', '20 pages, 50,000 visits a month, form capture', 1, 1, '2026-05-17 14:00:00', '2026-05-17 14:00:00'),
(113, 35, '专业版', 'Professional', '200 个页面，A/B 测试，广告转化回传', '200 pages, A/B testing, ad conversion reporting', 2, 1, '2026-05-17 14:00:00', '2026-05-17 14:00:00'),
(114, 35, '代理商版', 'Agency', '页面不限，多客户子账号，白标', 'Unlimited pages, client sub-accounts, white label', 3, 1, '2026-05-17 14:00:00', '2026-05-17 14:00:00'),
-- 36 禾苗绩效与 OKR
(115, 36, '100 人', '100 employees', 'OKR 管理，季度考核，进度提醒', 'OKR management, quarterly reviews, progress reminders', 1, 1, '2026-05-27 11:45:00', '2026-05-27 11:45:00'),
(116, 36, '500 人', '500 employees', '360 度评估，校准会，调薪联动', '360-degree reviews, calibration sessions, pay review integration', 2, 1, '2026-05-27 11:45:00', '2026-05-27 11:45:00'),
-- 37 青山终端安全
(117, 37, '50 个终端', '50 endpoints', '防病毒，防勒索，补丁管理', 'Antivirus, ransomware protection, patch management', 1, 1, '2026-06-11 16:20:00', '2026-06-11 16:20:00'),
(118, 37, '200 个终端', '200 endpoints', '入侵检测，外设管控，资产盘点', 'Intrusion detection, peripheral control, asset inventory', 2, 1, '2026-06-11 16:20:00', '2026-06-11 16:20:00'),
(119, 37, '1000 个终端', '1,000 endpoints', 'EDR 溯源，威胁狩猎，专属响应团队', 'EDR investigation, threat hunting, dedicated response team', 3, 1, '2026-06-11 16:20:00', '2026-06-11 16:20:00'),
-- 38 数字化转型咨询
(120, 38, '诊断工作坊', 'Assessment workshop', '2 天高管工作坊，现状诊断报告', '2-day executive workshop, assessment report', 1, 1, '2026-06-29 09:05:00', '2026-06-29 09:05:00'),
(121, 38, '完整咨询项目', 'Full engagement', '部门访谈，业务架构设计，实施路线图，系统选型', 'Department interviews, business architecture, implementation roadmap, system selection', 2, 1, '2026-06-29 09:05:00', '2026-06-29 09:05:00'),
(122, 38, '顾问陪跑', 'Ongoing advisory', '三个月，每月 4 人天，项目群管理，季度管理层汇报', 'Three months, 4 person-days a month, programme management, a leadership briefing', 3, 1, '2026-06-29 09:05:00', '2026-06-29 09:05:00'),
-- 39 企业邮箱迁移服务
(123, 39, '50 个账号以内', 'Up to 50 mailboxes', '邮件与联系人迁移，DNS 切换，核对清单', 'Mail and contact migration, DNS cut-over, checklist', 1, 1, '2026-07-08 15:40:00', '2026-07-08 15:40:00'),
(124, 39, '500 个账号以内', 'Up to 500 mailboxes', '日历与公共文件夹，分批迁移，夜间切换', 'Calendars and public folders, batched migration, overnight cut-over', 2, 1, '2026-07-08 15:40:00', '2026-07-08 15:40:00'),
(125, 39, '新旧并行过渡', 'Hybrid coexistence', '新旧邮箱并行 1 个月，共享通讯录，邮件路由', 'Old and new systems side by side for a month, shared directory, mail routing', 3, 1, '2026-07-08 15:40:00', '2026-07-08 15:40:00'),
-- 40 恒通资金管理
(126, 40, '10 个银行账户', '10 bank accounts', '余额与流水查询，付款审批', 'Balance and transaction queries, payment approval', 1, 1, '2026-07-30 10:50:00', '2026-07-30 10:50:00'),
(127, 40, '50 个银行账户', '50 bank accounts', '资金计划，多公司管理，银行对账', 'Cash planning, multi-company management, bank reconciliation', 2, 1, '2026-07-30 10:50:00', '2026-07-30 10:50:00'),
(128, 40, '账户不限', 'Unlimited accounts', '资金池，票据管理，ERP 对接', 'Cash pooling, bill management, ERP integration', 3, 1, '2026-07-30 10:50:00', '2026-07-30 10:50:00'),
-- 41 繁星门店收银
(129, 41, '单店版', 'Single store', '1 家门店，扫码支付，会员识别', '1 store, QR payments, member recognition', 1, 1, '2026-08-04 09:30:00', '2026-08-04 09:30:00'),
(130, 41, '连锁版 10 店', 'Chain, 10 stores', '总部管控，门店调拨，促销管理', 'Central control, inter-store transfers, promotion management', 2, 1, '2026-08-04 09:30:00', '2026-08-04 09:30:00'),
(131, 41, '连锁版 50 店', 'Chain, 50 stores', '加盟管理，供应链对接，开放 API', 'Franchise management, supply chain integration, open API', 3, 1, '2026-08-04 09:30:00', '2026-08-04 09:30:00'),
-- 42 数据仓库搭建服务
(132, 42, '标准项目', 'Standard project', '3 个业务域，10 张核心报表，30 天交付', '3 business domains, 10 core reports, delivered in 30 days', 1, 1, '2026-08-24 10:15:00', '2026-08-24 10:15:00'),
(133, 42, '扩展项目', 'Extended project', '8 个业务域，实时数仓，数据治理体系', '8 business domains, real-time warehouse, data governance framework', 2, 1, '2026-08-24 10:15:00', '2026-08-24 10:15:00'),
(134, 42, '数仓运维托管', 'Managed warehouse operations', '任务监控，数据质量巡检，需求小改', 'Job monitoring, data quality checks, small change requests', 3, 1, '2026-08-24 10:15:00', '2026-08-24 10:15:00'),
-- 43 容器化迁移服务
(135, 43, '10 个服务以内', 'Up to 10 services', '容器化改造，Helm Chart，监控告警', 'Containerisation, Helm charts, monitoring and alerting', 1, 1, '2026-09-12 14:00:00', '2026-09-12 14:00:00'),
(136, 43, '50 个服务以内', 'Up to 50 services', '多集群规划，服务网格，灾备演练', 'Multi-cluster design, service mesh, disaster recovery drills', 2, 1, '2026-09-12 14:00:00', '2026-09-12 14:00:00'),
(137, 43, '驻场运维支持', 'On-site operations support', '每月 8 人天，集群巡检，故障响应', '8 person-days a month, cluster health checks, incident response', 3, 1, '2026-09-12 14:00:00', '2026-09-12 14:00:00'),
-- 44 CRM 数据清洗与导入
(138, 44, '1 万条以内', 'Up to 10,000 records', '去重合并，字段规范，抽样核对', 'De-duplication, field standardisation, sample checks', 1, 1, '2026-09-18 11:45:00', '2026-09-18 11:45:00'),
(139, 44, '10 万条以内', 'Up to 100,000 records', '工商信息补全，历史记录迁移，映射文档', 'Company registry enrichment, activity history migration, mapping document', 2, 1, '2026-09-18 11:45:00', '2026-09-18 11:45:00'),
(140, 44, '季度数据维护', 'Quarterly data upkeep', '定期去重，失效联系人清理，数据质量报告', 'Regular de-duplication, stale contact clean-up, data quality report', 3, 1, '2026-09-18 11:45:00', '2026-09-18 11:45:00'),
-- 45 薪酬体系设计咨询
(141, 45, '300 人以内', 'Up to 300 employees', '岗位评估，职级体系，薪酬带宽', 'Job evaluation, job levels, pay bands', 1, 1, '2026-10-07 16:20:00', '2026-10-07 16:20:00'),
(142, 45, '1000 人以内', 'Up to 1,000 employees', '多序列职级，绩效调薪联动，员工沟通支持', 'Multi-track levels, performance-linked pay review, employee communication support', 2, 1, '2026-10-07 16:20:00', '2026-10-07 16:20:00'),
-- 46 网站迁移与备案协助
(143, 46, '单站迁移', 'Single site', '程序与数据库迁移，HTTPS 配置，备案指导', 'Code and database migration, HTTPS setup, filing guidance', 1, 1, '2026-10-15 09:05:00', '2026-10-15 09:05:00'),
(144, 46, '多站迁移（5 站）', 'Multiple sites (5)', '批量迁移，CDN 配置，备案全程代办', 'Batch migration, CDN setup, full filing handled for you', 2, 1, '2026-10-15 09:05:00', '2026-10-15 09:05:00'),
-- 47 经纬客户数据平台
(145, 47, '成长版', 'Growth', '50 万客户档案，100 个标签，3 个同步渠道', '500,000 profiles, 100 tags, 3 activation channels', 1, 1, '2026-11-07 15:40:00', '2026-11-07 15:40:00'),
(146, 47, '专业版', 'Professional', '500 万客户档案，实时标签，渠道不限', '5 million profiles, real-time tags, unlimited channels', 2, 1, '2026-11-07 15:40:00', '2026-11-07 15:40:00'),
(147, 47, '企业版', 'Enterprise', '5000 万客户档案，私有化部署，专属数据顾问', '50 million profiles, on-premises deployment, dedicated data adviser', 3, 1, '2026-11-07 15:40:00', '2026-11-07 15:40:00'),
-- 48 云雀办公培训服务
(148, 48, '线上培训（半天）', 'Online session (half day)', '最多 100 人，直播授课，课程录像', 'Up to 100 attendees, live stream, recording', 1, 1, '2026-11-18 10:50:00', '2026-11-18 10:50:00'),
(149, 48, '现场培训（1 天）', 'On-site session (1 day)', '最多 40 人，上机练习，课后测验', 'Up to 40 attendees, hands-on exercises, quiz', 2, 1, '2026-11-18 10:50:00', '2026-11-18 10:50:00'),
(150, 48, '内训师认证', 'Train-the-trainer', '3 天课程，认证考试，课件授权', '3-day course, certification exam, course material licence', 3, 1, '2026-11-18 10:50:00', '2026-11-18 10:50:00');

-- period_months 0: sold once (一次性), for the training and consulting
-- services delivered by people (products 12, 31, 38, 45 and 48).
INSERT INTO prices (spec_id, period_months, price_cents) VALUES
-- 1 云雀文档 经典版
(1, 1, 15000), (1, 12, 150000),
(2, 1, 30000), (2, 12, 300000),
-- 2 知客 CRM 旧版
(3, 1, 39900), (3, 12, 399000),
(4, 1, 99900), (4, 12, 999000),
-- 3 恒通云记账
(5, 1, 4950), (5, 3, 13900), (5, 12, 46800),
(6, 1, 9900), (6, 6, 54400), (6, 12, 99000), (6, 24, 178000), (6, 36, 248000),
(7, 1, 39900), (7, 6, 219000), (7, 12, 399000), (7, 24, 718000), (7, 36, 998000),
(8, 12, 999000), (8, 24, 1800000), (8, 36, 2500000),
-- 4 云雀文档
(9, 1, 19900), (9, 3, 57700), (9, 12, 199000),
(10, 1, 59900), (10, 6, 329000), (10, 12, 599000), (10, 24, 1080000), (10, 36, 1500000),
(11, 12, 2000000), (11, 24, 3600000), (11, 36, 5000000),
(12, 1, 9900), (12, 3, 28700), (12, 12, 99000),
-- 5 知客 CRM
(13, 1, 29900), (13, 3, 86700), (13, 12, 299000),
(14, 1, 79900), (14, 6, 439000), (14, 12, 799000), (14, 24, 1440000), (14, 36, 2000000),
(15, 12, 2200000), (15, 24, 3960000), (15, 36, 5500000),
(16, 1, 15900), (16, 3, 46100), (16, 12, 159000),
-- 6 禾苗人事
(17, 1, 29900), (17, 3, 86700), (17, 12, 299000),
(18, 1, 89900), (18, 6, 494000), (18, 12, 899000), (18, 24, 1620000), (18, 36, 2250000),
(19, 12, 3000000), (19, 24, 5400000), (19, 36, 7500000),
-- 7 白云自助建站
(20, 1, 3900), (20, 12, 39000), (20, 24, 70200), (20, 36, 97500),
(21, 1, 9900), (21, 12, 99000), (21, 24, 178000), (21, 36, 248000),
(22, 1, 25900), (22, 12, 259000), (22, 24, 466000), (22, 36, 648000),
(23, 12, 899000), (23, 24, 1620000), (23, 36, 2250000),
-- 8 繁星微商城
(24, 1, 12999), (24, 3, 36999), (24, 12, 129900),
(25, 1, 39900), (25, 3, 116000), (25, 12, 399000),
(26, 1, 99900), (26, 12, 999000), (26, 24, 1800000),
-- 9 青山 Web 应用防火墙
(27, 1, 99000), (27, 3, 287000), (27, 12, 990000),
(28, 1, 299000), (28, 3, 867000), (28, 12, 2990000),
(29, 1, 899000), (29, 12, 8990000),
(30, 1, 2999000), (30, 12, 29990000),
-- 10 经纬 BI
(31, 1, 9900), (31, 3, 28700), (31, 12, 99000),
(32, 1, 49900), (32, 3, 145000), (32, 12, 499000),
(33, 1, 149900), (33, 6, 824000), (33, 12, 1500000), (33, 24, 2700000), (33, 36, 3750000),
(34, 12, 4000000), (34, 24, 7200000), (34, 36, 10000000),
-- 11 R&D 项目管理
(35, 1, 4900), (35, 3, 14200), (35, 12, 49000),
(36, 1, 19900), (36, 3, 57700), (36, 12, 199000),
(37, 1, 79900), (37, 6, 439000), (37, 12, 799000), (37, 24, 1440000), (37, 36, 2000000),
(38, 12, 2500000), (38, 24, 4500000), (38, 36, 6250000),
-- 12 ERP 系统实施服务
(39, 0, 6000000),
(40, 0, 16800000),
(41, 0, 3600000),
-- 13 电子发票助手
(42, 1, 2999), (42, 3, 8499), (42, 12, 28800),
(43, 1, 19900), (43, 3, 57700), (43, 12, 199000),
(44, 1, 59900), (44, 6, 329000), (44, 12, 599000), (44, 24, 1080000), (44, 36, 1500000),
-- 14 企业官网定制开发
(45, 1, 1280000),
(46, 1, 3580000),
(47, 1, 8800000),
-- 15 禾苗考勤排班
(48, 1, 9900), (48, 3, 28700), (48, 12, 99000),
(49, 1, 29900), (49, 3, 86700), (49, 12, 299000),
(50, 1, 69900), (50, 6, 384000), (50, 12, 699000), (50, 24, 1260000), (50, 36, 1750000),
-- 16 青山漏洞扫描
(51, 1, 29900), (51, 3, 86700), (51, 12, 299000),
(52, 1, 99900), (52, 3, 290000), (52, 12, 999000),
(53, 1, 299900), (53, 12, 3000000), (53, 24, 5400000),
-- 17 写作台
(54, 1, 1990), (54, 12, 19900),
(55, 1, 29900), (55, 3, 86700), (55, 12, 299000),
(56, 1, 99900), (56, 6, 549000), (56, 12, 999000), (56, 24, 1800000), (56, 36, 2500000),
-- 18 多平台订单中心
(57, 1, 39900), (57, 3, 116000), (57, 12, 399000),
(58, 1, 99900), (58, 6, 549000), (58, 12, 999000), (58, 24, 1800000), (58, 36, 2500000),
(59, 12, 2600000), (59, 24, 4680000), (59, 36, 6500000),
-- 19 知客客服工单
(60, 1, 14900), (60, 3, 43200), (60, 12, 149000),
(61, 1, 44900), (61, 3, 130000), (61, 12, 449000),
(62, 1, 119900), (62, 6, 659000), (62, 12, 1200000), (62, 24, 2160000), (62, 36, 3000000),
(63, 12, 3500000), (63, 24, 6300000), (63, 36, 8750000),
-- 20 砺石持续集成
(64, 1, 9900), (64, 3, 28700), (64, 12, 99000),
(65, 1, 59900), (65, 6, 329000), (65, 12, 599000), (65, 24, 1080000), (65, 36, 1500000),
(66, 12, 2000000), (66, 24, 3600000), (66, 36, 5000000),
(67, 12, 5000000), (67, 24, 9000000), (67, 36, 12500000),
-- 21 渗透测试服务
(68, 1, 2500000),
(69, 1, 6800000),
(70, 12, 19800000),
-- 22 经纬网站分析
(71, 1, 3950), (71, 3, 11250), (71, 12, 39500),
(72, 1, 19900), (72, 3, 57700), (72, 12, 199000),
(73, 1, 99900), (73, 6, 549000), (73, 12, 999000), (73, 24, 1800000), (73, 36, 2500000),
-- 23 数据迁移服务
(74, 1, 1500000),
(75, 1, 4500000),
(76, 1, 600000),
-- 24 恒通费用报销
(77, 1, 39900), (77, 3, 116000), (77, 12, 399000),
(78, 1, 119900), (78, 6, 659000), (78, 12, 1200000), (78, 24, 2160000), (78, 36, 3000000),
(79, 12, 3300000), (79, 24, 5940000), (79, 36, 8250000),
-- 25 小程序定制开发
(80, 1, 2800000),
(81, 1, 4800000),
(82, 12, 1200000),
-- 26 禾苗智能招聘
(83, 1, 29900), (83, 3, 86700), (83, 12, 299000),
(84, 1, 59900), (84, 3, 174000), (84, 12, 599000),
(85, 1, 159900), (85, 6, 879000), (85, 12, 1600000), (85, 24, 2880000), (85, 36, 4000000),
(86, 12, 4000000), (86, 24, 7200000), (86, 36, 10000000),
-- 27 繁星会员积分
(87, 1, 19900), (87, 3, 57700), (87, 12, 199000),
(88, 1, 59900), (88, 6, 329000), (88, 12, 599000), (88, 24, 1080000), (88, 36, 1500000),
(89, 12, 1600000), (89, 24, 2880000), (89, 36, 4000000),
-- 28 云雀会议室预订
(90, 1, 9900), (90, 3, 28700), (90, 12, 99000),
(91, 1, 39900), (91, 3, 116000), (91, 12, 399000),
(92, 1, 99900), (92, 6, 549000), (92, 12, 999000), (92, 24, 1800000), (92, 36, 2500000),
-- 29 经纬数据同步
(93, 1, 69900), (93, 3, 203000), (93, 12, 699000),
(94, 1, 199900), (94, 6, 1100000), (94, 12, 2000000), (94, 24, 3600000), (94, 36, 5000000),
(95, 12, 5000000), (95, 24, 9000000), (95, 36, 12500000),
-- 30 砺石应用性能监控
(96, 1, 9900), (96, 3, 28700), (96, 12, 99000),
(97, 1, 49900), (97, 3, 145000), (97, 12, 499000),
(98, 1, 199900), (98, 6, 1100000), (98, 12, 2000000), (98, 24, 3600000), (98, 36, 5000000),
(99, 12, 6000000), (99, 24, 10800000), (99, 36, 15000000),
-- 31 等保 2.0 合规咨询
(100, 0, 3800000),
(101, 0, 8800000),
(102, 0, 2800000),
-- 32 知客云呼叫中心
(103, 1, 49900), (103, 3, 145000), (103, 12, 499000),
(104, 1, 179900), (104, 3, 522000), (104, 12, 1800000),
(105, 1, 399900), (105, 12, 4000000),
(106, 12, 7500000), (106, 24, 13500000), (106, 36, 18750000),
-- 33 财务软件上线实施
(107, 1, 680000),
(108, 1, 1980000),
-- 34 网店搭建与上线服务
(109, 1, 380000),
(110, 1, 1280000),
(111, 1, 880000), (111, 12, 9600000),
-- 35 白云营销落地页
(112, 1, 19900), (112, 3, 57700), (112, 12, 199000),
(113, 1, 59900), (113, 3, 174000), (113, 12, 599000),
(114, 1, 149900), (114, 12, 1500000),
-- 36 禾苗绩效与 OKR
(115, 1, 39900), (115, 3, 116000), (115, 12, 399000),
(116, 1, 149900), (116, 6, 824000), (116, 12, 1500000), (116, 24, 2700000), (116, 36, 3750000),
-- 37 青山终端安全
(117, 1, 49900), (117, 12, 499000), (117, 24, 898000), (117, 36, 1250000),
(118, 1, 159900), (118, 12, 1600000), (118, 24, 2880000), (118, 36, 4000000),
(119, 12, 6000000), (119, 24, 10800000), (119, 36, 15000000),
-- 38 数字化转型咨询
(120, 0, 3800000),
(121, 0, 18800000),
(122, 0, 6000000),
-- 39 企业邮箱迁移服务
(123, 1, 450000),
(124, 1, 2800000),
(125, 1, 1200000),
-- 40 恒通资金管理
(126, 1, 99900), (126, 3, 290000), (126, 12, 999000),
(127, 1, 299900), (127, 12, 3000000), (127, 24, 5400000), (127, 36, 7500000),
(128, 12, 7000000), (128, 24, 12600000), (128, 36, 17500000),
-- 41 繁星门店收银
(129, 1, 6900), (129, 3, 19900), (129, 12, 69000),
(130, 1, 49900), (130, 6, 274000), (130, 12, 499000), (130, 24, 898000), (130, 36, 1250000),
(131, 12, 2000000), (131, 24, 3600000), (131, 36, 5000000),
-- 42 数据仓库搭建服务
(132, 1, 9800000),
(133, 1, 26800000),
(134, 1, 1500000), (134, 12, 16800000),
-- 43 容器化迁移服务
(135, 1, 4800000),
(136, 1, 15800000),
(137, 1, 3200000), (137, 12, 34800000),
-- 44 CRM 数据清洗与导入
(138, 1, 280000),
(139, 1, 1280000),
(140, 3, 480000), (140, 12, 1680000),
-- 45 薪酬体系设计咨询
(141, 0, 4800000),
(142, 0, 11800000),
-- 46 网站迁移与备案协助
(143, 1, 150000),
(144, 1, 580000),
-- 47 经纬客户数据平台
(145, 1, 299900), (145, 12, 3000000),
(146, 1, 799900), (146, 12, 8000000), (146, 24, 14400000),
(147, 12, 20000000), (147, 24, 36000000), (147, 36, 50000000),
-- 48 云雀办公培训服务
(148, 0, 380000),
(149, 0, 880000),
(150, 0, 1980000);

-- Support contacts of their own for some products (the rest show their
-- vendor's support email): the service lines people call.
UPDATE products SET support_phone = '400-820-3306', support_email = 'books@hengtong-finance.example.com' WHERE id = 3;
UPDATE products SET support_phone = '400-880-1234' WHERE id = 4;
UPDATE products SET support_phone = '010-6220-8800', support_email = 'erp-delivery@linpartners.example.com' WHERE id = 12;
UPDATE products SET support_phone = '021-5080-6600' WHERE id IN (21, 31);
UPDATE products SET support_phone = '400-880-1234', support_email = 'training@skylark-soft.example.com' WHERE id = 48;
