<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../fc_admin/views/about_dialog.py" line="+18"/>
        <source>About fc-admin</source>
        <translation>關於 fc-admin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Back office of the Families Clinics Online Booking System.</source>
        <translation>公務員診所網上預約系統的後勤管理程式。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Department of Health, Government of the HKSAR.</source>
        <translation>香港特別行政區政府衞生署。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Online Booking System help desk: 2711 0213 (Monday to Friday, 9:00–13:00 and 14:00–17:00).</source>
        <translation>網上預約系統支援熱線：2711 0213（星期一至五，上午9時至下午1時及下午2時至5時）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database: {name}</source>
        <translation>資料庫：{name}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../fc_admin/app.py" line="+113"/>
        <source>Creating the demo database…</source>
        <translation>正在建立示範資料庫…</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Generating synthetic data…</source>
        <translation>正在產生模擬資料…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generating synthetic data: {done} of {total} people…</source>
        <translation>正在產生模擬資料：{done} / {total} 人…</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Preparing demo data…</source>
        <translation>正在準備示範資料…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Opening the database…</source>
        <translation>正在開啟資料庫…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>fc-admin cannot start</source>
        <translation>fc-admin 無法啟動</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
</context>
<context>
    <name>AuditActions</name>
    <message>
        <location filename="../../fc_admin/views/audit_model.py" line="+36"/>
        <source>User added</source>
        <translation>新增用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User changed</source>
        <translation>修改用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password set</source>
        <translation>設定密碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in failed</source>
        <translation>登入失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in refused (locked)</source>
        <translation>拒絕登入（帳戶已鎖定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account locked</source>
        <translation>帳戶鎖定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go-live date changed</source>
        <translation>更改啟用日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Non-working day added</source>
        <translation>新增非工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Non-working day removed</source>
        <translation>刪除非工作日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Roster source added</source>
        <translation>新增名冊來源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roster imported</source>
        <translation>已匯入名冊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-form application imported</source>
        <translation>已匯入電子表格申請</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper application keyed in</source>
        <translation>已輸入紙本申請</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database backed up</source>
        <translation>資料庫已備份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database restored</source>
        <translation>資料庫已還原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo data: seeding started</source>
        <translation>示範資料：開始建立</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo data: seeding finished</source>
        <translation>示範資料：建立完成</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location line="+111"/>
        <source>Time (HKT)</source>
        <translation>時間（香港時間）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>動作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>說明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record type</source>
        <translation>記錄類別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>記錄</translation>
    </message>
    <message>
        <location filename="../../fc_admin/views/audit_page.py" line="+36"/>
        <source>its link to the previous record is broken (a record before it was changed, removed or inserted)</source>
        <translation>它與上一項記錄的連結已斷開（之前有記錄被更改、刪除或插入）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its content does not match its hash</source>
        <translation>其內容與雜湊值不符</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Clear filters</source>
        <translation>清除篩選</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>User:</source>
        <translation>用戶：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action:</source>
        <translation>動作：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From:</source>
        <translation>由：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To:</source>
        <translation>至：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Select a record to see what it changed.</source>
        <translation>選擇一項記錄以查看其更改內容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Verify chain</source>
        <translation>核實記錄鏈</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that no audit record was changed, removed or inserted afterwards.</source>
        <translation>檢查有沒有審計記錄在事後被更改、刪除或插入。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All users</source>
        <translation>所有用戶</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All actions</source>
        <translation>所有動作</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Counting…</source>
        <translation>正在點算…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} records</source>
        <translation>共 {n} 項記錄</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Record #{id} — {time} HKT</source>
        <translation>記錄 #{id} — 香港時間 {time}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User: {user}</source>
        <translation>用戶：{user}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action: {action}</source>
        <translation>動作：{action}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record: {type} {id}</source>
        <translation>記錄：{type} {id}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Before:</source>
        <translation>更改前：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After:</source>
        <translation>更改後：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Verifying…</source>
        <translation>正在核實…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Verifying the audit log…</source>
        <translation>正在核實審計記錄…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The audit log is intact: {n} records checked.</source>
        <translation>審計記錄完整：已檢查 {n} 項記錄。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The audit log has been tampered with: record #{id} fails ({reason}). {n} records before it are intact.</source>
        <translation>審計記錄曾被篡改：記錄 #{id} 未能通過核實（{reason}）。之前的 {n} 項記錄完整。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Verification cancelled.</source>
        <translation>已取消核實。</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../fc_admin/views/calendar_page.py" line="+57"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name</source>
        <translation>英文名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Added non-working day</source>
        <translation>新增的非工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General holiday</source>
        <translation>公眾假期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add a non-working day</source>
        <translation>新增非工作日</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. Additional general holiday</source>
        <translation>例如 Additional general holiday</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name:</source>
        <translation>英文名稱：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name:</source>
        <translation>中文名稱：</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Add non-working day…</source>
        <translation>新增非工作日…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Notification deadline (R4.2)</source>
        <translation>通知限期（R4.2）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Received on:</source>
        <translation>收件日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline:</source>
        <translation>限期：</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Remove the non-working day {date} ({name})? It becomes a working day.</source>
        <translation>刪除非工作日 {date}（{name}）？該日將成為工作天。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{date} — the {n}th working day after the date received</source>
        <translation>{date} — 收件日期後第 {n} 個工作天</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calendar</source>
        <translation>日曆</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <location filename="../../fc_admin/views/messages.py" line="+32"/>
        <source>Online</source>
        <translation>網上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual telephone</source>
        <translation>人手電話預約</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automated telephone (ATBS)</source>
        <translation>自動電話預約系統（ATBS）</translation>
    </message>
</context>
<context>
    <name>ClinicsPage</name>
    <message>
        <location filename="../../fc_admin/views/clinics_page.py" line="+53"/>
        <source>Code</source>
        <translation>代號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name</source>
        <translation>英文名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enquiry</source>
        <translation>查詢電話</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment lines</source>
        <translation>預約電話</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go-live date</source>
        <translation>網上預約啟用日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live</source>
        <translation>已啟用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booking channels</source>
        <translation>預約途徑</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not yet</source>
        <translation>未定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Go-live date of {clinic}</source>
        <translation>{clinic}的網上預約啟用日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not yet (no go-live date)</source>
        <translation>未定（沒有啟用日期）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Go-live date:</source>
        <translation>啟用日期：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From this date the clinic takes online and manual telephone bookings; the automated telephone system (ATBS) no longer books it.</source>
        <translation>由這日起，診所接受網上及人手電話預約；自動電話預約系統（ATBS）不再接受該診所的預約。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit go-live date…</source>
        <translation>修改啟用日期…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Live on:</source>
        <translation>顯示日期：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Only an administrator can change go-live dates.</source>
        <translation>只有系統管理員可以更改啟用日期。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>What changes on {date}</source>
        <translation>{date}的變動</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No clinic goes live on this date.</source>
        <translation>這日沒有診所啟用網上預約。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{clinic} ({code}) goes live: {opens} open; {closes} stop.</source>
        <translation>{clinic}（{code}）啟用網上預約：開始 {opens}；停止 {closes}。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Clinics</source>
        <translation>診所</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../fc_admin/views/first_run_dialog.py" line="+29"/>
        <source>This database has no staff users yet. Create the first administrator; they can then add the other users.</source>
        <translation>這個資料庫還沒有職員用戶。請建立第一位系統管理員，然後由他新增其他用戶。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../fc_admin/views/lock_dialog.py" line="+39"/>
        <source>Locked — fc-admin</source>
        <translation>已鎖定 — fc-admin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The session was locked. {name} ({user}), enter your password to continue.</source>
        <translation>工作階段已鎖定。{name}（{user}），請輸入密碼以繼續。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Password:</source>
        <translation>密碼：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unlock</source>
        <translation>解鎖</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign out</source>
        <translation>登出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fc_admin/views/main_window.py" line="+105"/>
        <source>DEMO — synthetic data, changes are not kept</source>
        <translation>示範 — 模擬資料，所作更改不會保留</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Families Clinics Online Booking System — back office</source>
        <translation>公務員診所網上預約系統 — 後勤管理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DEMO</source>
        <translation>示範</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clinics</source>
        <translation>診所</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar</source>
        <translation>日曆</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Users</source>
        <translation>用戶</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audit log</source>
        <translation>審計記錄</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Database: {name}</source>
        <translation>資料庫：{name}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Signed in: {name}</source>
        <translation>登入者：{name}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Role: {role}</source>
        <translation>角色：{role}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>HKT {time}</source>
        <translation>香港時間 {time}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lock</source>
        <translation>鎖定(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign &amp;out</source>
        <translation>登出(&amp;O)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About fc-admin</source>
        <translation>關於 fc-admin(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../fc_admin/views/messages.py" line="+81"/>
        <source>Database problem: {message}</source>
        <translation>資料庫問題：{message}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something went wrong. The details were written to the log file; please tell the system administrator.</source>
        <translation>發生錯誤。詳情已寫入記錄檔；請通知系統管理員。</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <location line="-80"/>
        <source>view clinics</source>
        <translation>查看診所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change go-live dates</source>
        <translation>更改啟用日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>view the calendar</source>
        <translation>查看日曆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change non-working days</source>
        <translation>更改非工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manage users</source>
        <translation>管理用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>view the audit log</source>
        <translation>查看審計記錄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>import files</source>
        <translation>匯入檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key in paper forms</source>
        <translation>輸入紙本表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decide on members</source>
        <translation>審批成員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>override decisions</source>
        <translation>推翻決定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assign work</source>
        <translation>分配工作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>issue activation details</source>
        <translation>發出啟動資料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manage capacity</source>
        <translation>管理名額</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>book appointments</source>
        <translation>預約</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>print daily lists</source>
        <translation>列印每日名單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>export files</source>
        <translation>匯出檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>search by HKID</source>
        <translation>以香港身份證號碼搜尋</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>see full HKID numbers</source>
        <translation>查看完整香港身份證號碼</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location line="-31"/>
        <source>Clerk</source>
        <translation>文員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifier</source>
        <translation>核實人員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinic staff</source>
        <translation>診所職員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>系統管理員</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Operator</source>
        <translation>操作員</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../fc_admin/views/settings_dialog.py" line="+71"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Database:</source>
        <translation>資料庫：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language:</source>
        <translation>語言：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Examples: sqlite:///C:/fc-admin/fc-admin.sqlite3 (this computer only) or postgresql://user@server/fcadmin (shared).</source>
        <translation>例子：sqlite:///C:/fc-admin/fc-admin.sqlite3（只供這部電腦）或 postgresql://user@server/fcadmin（共用）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A change of language or database takes effect the next time fc-admin starts.</source>
        <translation>更改語言或資料庫後，須重新啟動 fc-admin 才會生效。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Fixed by the environment variable {name}.</source>
        <translation>由環境變數 {name} 設定，不能在此更改。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Connecting…</source>
        <translation>正在連線…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Connected: the database answers.</source>
        <translation>已連線：資料庫有回應。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Please enter a database URL.</source>
        <translation>請輸入資料庫網址。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The settings could not be saved: {reason}</source>
        <translation>無法儲存設定：{reason}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../fc_admin/views/sign_in_dialog.py" line="+43"/>
        <source>Sign in — fc-admin</source>
        <translation>登入 — fc-admin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Families Clinics Online Booking System — back office</source>
        <translation>公務員診所網上預約系統 — 後勤管理</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>User name:</source>
        <translation>用戶名稱：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密碼：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Please enter your user name.</source>
        <translation>請輸入用戶名稱。</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../fc_admin/views/task_runner.py" line="+227"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>UserDialogs</name>
    <message>
        <location filename="../../fc_admin/views/user_dialogs.py" line="+88"/>
        <source>The two passwords are not the same.</source>
        <translation>兩次輸入的密碼不相同。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Create the first administrator</source>
        <translation>建立第一位系統管理員</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a user</source>
        <translation>新增用戶</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Edit user {name}</source>
        <translation>修改用戶 {name}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active (may sign in)</source>
        <translation>有效（可以登入）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>User name:</source>
        <translation>用戶名稱：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Display name:</source>
        <translation>顯示名稱：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clinic:</source>
        <translation>診所：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Password:</source>
        <translation>密碼：</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+66"/>
        <source>Confirm password:</source>
        <translation>確認密碼：</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>User names: 2-40 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;. Passwords: at least {n} characters.</source>
        <translation>用戶名稱：2 至 40 個小楷英文字母、數字、「.」、「_」或「-」。密碼：最少 {n} 個字元。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>New password for {name}</source>
        <translation>{name} 的新密碼</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New password:</source>
        <translation>新密碼：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Setting a password also ends a lockout after failed sign-ins.</source>
        <translation>設定密碼亦會解除因登入失敗而引致的帳戶鎖定。</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../fc_admin/views/users_page.py" line="+34"/>
        <source>User name</source>
        <translation>用戶名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name</source>
        <translation>顯示名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinic</source>
        <translation>診所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked until</source>
        <translation>鎖定至</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Add user…</source>
        <translation>新增用戶…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset password…</source>
        <translation>重設密碼…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Users</source>
        <translation>用戶</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../fc_admin/demo/seed.py" line="+143"/>
        <source>the database already holds rosters or applications; demo data goes into an empty database</source>
        <translation>資料庫已有名冊或申請；示範資料只可放入空白的資料庫</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/actor.py" line="+30"/>
        <source>{user} ({role}) is not allowed to {permission}</source>
        <translation>{user}（{role}）無權{permission}</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/auth.py" line="+66"/>
        <source>the password must have at least {n} characters</source>
        <translation>密碼最少須有 {n} 個字元</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a user with the clinic role needs a clinic</source>
        <translation>診所職員角色的用戶必須指定診所</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown clinic code {code}</source>
        <translation>沒有診所代號 {code}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>user name {name!r} is not allowed: 2-40 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter</source>
        <translation>不接受用戶名稱 {name!r}：須為 2 至 40 個英文字母、數字、「.」、「_」或「-」，並以英文字母開始</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown role {role!r} (roles: {roles})</source>
        <translation>沒有角色 {role!r}（角色：{roles}）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>user {name} already exists</source>
        <translation>用戶 {name} 已存在</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>no user {name}</source>
        <translation>沒有用戶 {name}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>user {name} was changed by somebody else meanwhile; reload</source>
        <translation>用戶 {name} 剛被其他人更改；請重新載入</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>you cannot disable your own account or remove your own administrator role</source>
        <translation>你不能停用自己的帳戶或取消自己的系統管理員角色</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>this account is locked after too many failed sign-ins; try again after {until}</source>
        <translation>此帳戶因登入失敗次數過多已被鎖定；請於 {until} 後再試</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>too many failed sign-ins: this account is locked until {until}</source>
        <translation>登入失敗次數過多：此帳戶已被鎖定至 {until}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the user name or the password is wrong</source>
        <translation>用戶名稱或密碼錯誤</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>no active staff user {name}</source>
        <translation>沒有有效的職員用戶 {name}</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/calendar.py" line="+35"/>
        <source>year {year} is out of range (1900-2200)</source>
        <translation>年份 {year} 超出範圍（1900 至 2200）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>a non-working day needs a name (the reason)</source>
        <translation>非工作日須有名稱（原因）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{day} is already a general holiday</source>
        <translation>{day} 已經是公眾假期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{day} is already a non-working day</source>
        <translation>{day} 已經是非工作日</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{day} is not an added non-working day</source>
        <translation>{day} 不是新增的非工作日</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/clinics.py" line="+66"/>
        <source>unknown clinic code {code} (known: {known})</source>
        <translation>沒有診所代號 {code}（現有代號：{known}）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>the go-live date of {code} was changed by somebody else meanwhile (now {current}); reload and try again</source>
        <translation>{code} 的啟用日期剛被其他人更改（現為 {current}）；請重新載入後再試</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/applications.py" line="+375"/>
        <location line="+76"/>
        <source>no application {form_id}</source>
        <translation>沒有申請 {form_id}</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>{user} is not an active verifier or supervisor</source>
        <translation>{user} 不是有效的核實人員或主管</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>a remark cannot be empty</source>
        <translation>備註不可留空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a remark is limited to 4000 characters</source>
        <translation>備註不可超過 4000 個字元</translation>
    </message>
</context>
</TS>
