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
    <name>ActivationDialogs</name>
    <message>
        <location filename="../../fc_admin/views/activation_dialogs.py" line="+57"/>
        <source>Save the activation letters</source>
        <translation>儲存啟動資料信件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 檔案 (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the activations file</source>
        <translation>選擇啟動記錄檔案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 檔案 (*.csv);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+375"/>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <location line="-319"/>
        <source>Issue activation details</source>
        <translation>發出啟動資料</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} approved members will get an account ID and a single-use activation code, valid for 8 months (R5.3).</source>
        <translation>{n} 名已批准的成員將獲發帳戶號碼及一次性啟動碼，有效期 8 個月（R5.3）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n} by email (English and Chinese), through the department&apos;s mail server</source>
        <translation>{n} 名以電郵發送（中英文），經部門的郵件伺服器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} by printed letter (English and Chinese), for applicants without email</source>
        <translation>{n} 名以列印信件發送（中英文），適用於沒有電郵的申請人</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n} skipped: their email address cannot be used (shown in red); correct it and issue again</source>
        <translation>{n} 名略過：其電郵地址無法使用（以紅色顯示）；請修正後再發出</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Letters file (PDF):</source>
        <translation>信件檔案（PDF）：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Issue</source>
        <translation>發出</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>There is nobody to issue activation details to.</source>
        <translation>沒有需要發出啟動資料的成員。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the file the letters are written to.</source>
        <translation>請選擇寫入信件的檔案。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Emails sent: {emails}. Letters written: {letters}. Not sent: {failed}.</source>
        <translation>已發送電郵：{emails} 封。已製作信件：{letters} 封。未能發送：{failed} 個。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Activation details issued</source>
        <translation>已發出啟動資料</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The accounts not sent wait under &quot;Not sent&quot;; &quot;Retry unsent&quot; sends them again once the mail server or the address is fixed.</source>
        <translation>未能發送的帳戶列於「未發送」；郵件伺服器或地址修正後，按「重發未發送」再次發送。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Print and post the letters in {file}</source>
        <translation>請列印及郵寄 {file} 內的信件</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Suspend an account</source>
        <translation>暫停帳戶</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Suspend {account}: it can no longer be activated or used. The reason is recorded with your name.</source>
        <translation>暫停 {account}：該帳戶將不能再啟動或使用。原因會連同你的名字記錄。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Why the account is suspended</source>
        <translation>暫停帳戶的原因</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Please give the reason.</source>
        <translation>請提供原因。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason is limited to {n} characters.</source>
        <translation>原因最多 {n} 個字元。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{file}: {rows} rows. Accounts activated now: {activated}; already active: {already}.</source>
        <translation>{file}：共 {rows} 行。現已啟動的帳戶：{activated} 個；早已啟動：{already} 個。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Import activations</source>
        <translation>匯入啟動記錄</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The online booking system&apos;s file of the accounts members have activated (CSV: account_id, activated_at). Each account it names becomes Active; a file with a problem changes nothing.</source>
        <translation>網上預約系統提供的已啟動帳戶檔案（CSV：account_id, activated_at）。檔案列出的每個帳戶會成為「已啟動」；檔案若有問題，則不會作任何改動。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>File:</source>
        <translation>檔案：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Choose the file to import.</source>
        <translation>請選擇要匯入的檔案。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Importing…</source>
        <translation>正在匯入…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nothing was imported: the file has {n} problem(s).</source>
        <translation>沒有匯入任何記錄：檔案有 {n} 個問題。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Importing activations…</source>
        <translation>正在匯入啟動記錄…</translation>
    </message>
</context>
<context>
    <name>ActivationTexts</name>
    <message>
        <location filename="../../fc_admin/views/accounts_model.py" line="+64"/>
        <location line="+15"/>
        <source>Waiting for activation</source>
        <translation>等待啟動</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+16"/>
        <source>Active</source>
        <translation>已啟動</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+17"/>
        <source>Expired</source>
        <translation>已過期</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>Suspended</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>All accounts</source>
        <translation>所有帳戶</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+169"/>
        <location line="+71"/>
        <source>Not sent</source>
        <translation>未發送</translation>
    </message>
    <message>
        <location line="-238"/>
        <source>Expiring soon</source>
        <translation>即將過期</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+182"/>
        <source>Email</source>
        <translation>電郵</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Letter</source>
        <translation>信件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no email address</source>
        <translation>沒有電郵地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the email address is longer than 254 characters</source>
        <translation>電郵地址超過 254 個字元</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the email address contains spaces or control characters</source>
        <translation>電郵地址含有空格或控制字元</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the email address must have exactly one @</source>
        <translation>電郵地址必須有一個而且只有一個 @</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the email address has nothing before the @</source>
        <translation>電郵地址在 @ 之前沒有內容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the email address has no domain after the @</source>
        <translation>電郵地址在 @ 之後沒有網域</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the part before the @ is longer than 64 characters</source>
        <translation>@ 之前的部分超過 64 個字元</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the part before the @ has characters an email address cannot have</source>
        <translation>@ 之前的部分含有電郵地址不可使用的字元</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the domain {domain} has no dot (e.g. example.org)</source>
        <translation>網域 {domain} 沒有「.」（例如 example.org）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the domain {domain} does not end in a valid top-level domain</source>
        <translation>網域 {domain} 的結尾不是有效的頂級網域</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the domain {domain} is not valid</source>
        <translation>網域 {domain} 無效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no letter file chosen</source>
        <translation>未選擇信件檔案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the mail server refused the recipient: {reply}</source>
        <translation>郵件伺服器拒絕收件人：{reply}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the mail server refused the sender: {reply}</source>
        <translation>郵件伺服器拒絕寄件人：{reply}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the mail server refused the message: {reply}</source>
        <translation>郵件伺服器拒收郵件：{reply}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the connection to the mail server failed while sending ({reason}); the message may not have been delivered</source>
        <translation>發送期間與郵件伺服器的連線中斷（{reason}）；郵件可能未有送達</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the mail server {server} cannot be used: {reason}</source>
        <translation>無法使用郵件伺服器 {server}：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the mail server {server} stopped answering ({reason}); the rest was not sent</source>
        <translation>郵件伺服器 {server} 停止回應（{reason}）；其餘郵件未有發送</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the mail server {server} refused the login of {user}: {reason}</source>
        <translation>郵件伺服器 {server} 拒絕 {user} 登入：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot write {file}: {reason}</source>
        <translation>無法寫入 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>letters cannot be printed here: {reason}</source>
        <translation>此電腦無法列印信件：{reason}</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Not sent: {reason}</source>
        <translation>未發送：{reason}</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+70"/>
        <location line="+171"/>
        <source>Form ID</source>
        <translation>表格編號</translation>
    </message>
    <message>
        <location line="-240"/>
        <source>Notification deadline</source>
        <translation>通知限期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working days</source>
        <translation>工作天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+66"/>
        <location line="+169"/>
        <source>HKID</source>
        <translation>身份證號碼</translation>
    </message>
    <message>
        <location line="-234"/>
        <location line="+67"/>
        <location line="+169"/>
        <source>Delivery</source>
        <translation>發送方式</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>Letter written</source>
        <translation>已製作信件</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+187"/>
        <source>Sent</source>
        <translation>已發送</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+164"/>
        <source>Account ID</source>
        <translation>帳戶號碼</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+164"/>
        <source>Activation deadline</source>
        <translation>啟動限期</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>expiring soon</source>
        <translation>即將過期</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reminder sent {time}</source>
        <translation>已於 {time} 發送提示</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Status</source>
        <translation>狀況</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Issued</source>
        <translation>發出日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activated</source>
        <translation>啟動時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>備註</translation>
    </message>
</context>
<context>
    <name>ActivationsPage</name>
    <message>
        <location filename="../../fc_admin/views/activations_page.py" line="+96"/>
        <source>Loading…</source>
        <translation>正在載入…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview batch…</source>
        <translation>預覽整批…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>See what the batch will do, choose the letter file, then issue (R5).</source>
        <translation>查看整批將會發出的內容、選擇信件檔案，然後發出（R5）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Waiting for activation details</source>
        <translation>等待啟動資料</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Account ID, form ID, name or HKID, then Enter</source>
        <translation>帳戶號碼、表格編號、姓名或身份證號碼，然後按 Enter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Account ID, form ID or name, then Enter</source>
        <translation>帳戶號碼、表格編號或姓名，然後按 Enter</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+377"/>
        <source>Re-issue</source>
        <translation>重新發出</translation>
    </message>
    <message>
        <location line="-375"/>
        <source>A new activation code for an expired or unsent account; the old code stops working (R5.3).</source>
        <translation>為已過期或未發送的帳戶發出新的啟動碼；舊啟動碼即時失效（R5.3）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Suspend…</source>
        <translation>暫停…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+242"/>
        <source>Retry unsent</source>
        <translation>重發未發送</translation>
    </message>
    <message>
        <location line="-239"/>
        <source>Send again every email that could not be sent.</source>
        <translation>再次發送所有未能發送的電郵。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show:</source>
        <translation>顯示：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Accounts</source>
        <translation>帳戶</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Every approved member has activation details.</source>
        <translation>所有已批准的成員均已獲發啟動資料。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approved members waiting: {n} — {emails} by email, {letters} by letter</source>
        <translation>等待中的已批准成員：{n} 名 — 電郵 {emails} 名，信件 {letters} 名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} with an unusable email address</source>
        <translation>{n} 名的電郵地址無法使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved members waiting: {n} — {emails} by email, {letters} by letter, {problems}</source>
        <translation>等待中的已批准成員：{n} 名 — 電郵 {emails} 名，信件 {letters} 名，{problems}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Counting…</source>
        <translation>正在點算…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Matching accounts: {n}</source>
        <translation>符合的帳戶：{n} 個</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Every account has been sent.</source>
        <translation>所有帳戶均已發送。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Sending unsent activation details: {done} of {total}…</source>
        <translation>正在發送未發送的啟動資料：第 {done} 個，共 {total} 個…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Issuing activation details: {done} of {total}…</source>
        <translation>正在發出啟動資料：第 {done} 個，共 {total} 個…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Issue activation details</source>
        <translation>發出啟動資料</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Issuing activation details…</source>
        <translation>正在發出啟動資料…</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Send {account} a new activation code? The old code stops working.</source>
        <translation>向 {account} 發出新的啟動碼？舊啟動碼即時失效。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Re-issuing activation details…</source>
        <translation>正在重新發出啟動資料…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Suspend</source>
        <translation>暫停</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Expire overdue accounts</source>
        <translation>將逾期帳戶設為過期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mark every account still waiting past its activation deadline as Expired?</source>
        <translation>將所有已過啟動限期而仍在等待啟動的帳戶設為「已過期」？</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Accounts expired: {n}.</source>
        <translation>已過期的帳戶：{n} 個。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Expiring accounts…</source>
        <translation>正在將帳戶設為過期…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Send reminders</source>
        <translation>發送提示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Email a reminder to every member whose activation deadline is near and who has not activated yet?</source>
        <translation>向所有啟動限期將至而尚未啟動帳戶的成員發送提示電郵？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sending reminders: {done} of {total}…</source>
        <translation>正在發送提示：第 {done} 封，共 {total} 封…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reminders sent: {n}.</source>
        <translation>已發送提示：{n} 封。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sending reminders…</source>
        <translation>正在發送提示…</translation>
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
    <name>ApplicationDetail</name>
    <message>
        <location filename="../../fc_admin/views/application_detail.py" line="+91"/>
        <source>Channel:</source>
        <translation>途徑：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received:</source>
        <translation>收件：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deadline:</source>
        <translation>限期：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assigned to:</source>
        <translation>負責人員：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applicant:</source>
        <translation>申請人：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reject…</source>
        <translation>拒絕(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Query department…</source>
        <translation>向部門查詢(&amp;Q)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Next</source>
        <translation>下一個(&amp;N)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Write a remark for the other officers…</source>
        <translation>寫下給其他同事的備註…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add remark</source>
        <translation>加入備註</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+Enter</source>
        <translation>按 Ctrl+Enter 加入</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Member check</source>
        <translation>成員核對</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remarks</source>
        <translation>備註</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+178"/>
        <source>History</source>
        <translation>記錄</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Select a form in the queue.</source>
        <translation>請在申請列表中選擇表格。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Application</source>
        <translation>申請</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Form {form_id} — {status}</source>
        <translation>表格 {form_id} — {status}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>keyed in at {clinic} by {user}</source>
        <translation>由 {user} 在 {clinic} 輸入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>signed with key {key}</source>
        <translation>以金鑰 {key} 簽署</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{date} (submitted {moment})</source>
        <translation>{date}（遞交時間 {moment}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{date} — working days: {left}</source>
        <translation>{date} — 工作天：{left}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no email or mobile given</source>
        <translation>沒有提供電郵或手提電話</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No remarks yet.</source>
        <translation>暫無備註。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remarks ({n})</source>
        <translation>備註（{n}）</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Member</source>
        <translation>成員</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No decision yet.</source>
        <translation>尚未決定。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision: {decision} by {user} at {time}</source>
        <translation>決定：{decision}（{user}，{time}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note: {note}</source>
        <translation>附註：{note}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{member} is {outcome}, not Eligible: approving needs a supervisor. Reject the member, query the department, or ask a supervisor.</source>
        <translation>{member} 的核對結果為「{outcome}」，不是「合資格」：須由主管批准。請拒絕該成員、向部門查詢，或請主管處理。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Changed meanwhile</source>
        <translation>已被更改</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Decision not recorded</source>
        <translation>未能記錄決定</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Remark not added</source>
        <translation>未能加入備註</translation>
    </message>
</context>
<context>
    <name>ApplicationTexts</name>
    <message>
        <location filename="../../fc_admin/views/applications_model.py" line="+52"/>
        <source>Eligible</source>
        <translation>合資格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>待覆核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mismatch</source>
        <translation>資料不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not found</source>
        <translation>名冊上找不到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ineligible</source>
        <translation>不合資格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>重複</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not verified</source>
        <translation>未核對</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The date of birth differs from the roster</source>
        <translation>出生日期與名冊不符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name differs from the roster</source>
        <translation>姓名與名冊不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The relationship differs from the roster</source>
        <translation>關係與名冊不符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The principal differs from the roster</source>
        <translation>主要受惠人與名冊不符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The category differs from the roster</source>
        <translation>類別與名冊不符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inactive on the roster</source>
        <translation>名冊上的狀況為無效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The principal is inactive on the roster</source>
        <translation>主要受惠人在名冊上的狀況為無效</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The principal is not on the roster</source>
        <translation>主要受惠人不在名冊上</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The child is 21 or older</source>
        <translation>子女已年滿 21 歲</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The child is 19 or 20 and not in full-time education or dependent through infirmity</source>
        <translation>子女現年 19 或 20 歲，但並非接受全日制教育，亦非因傷殘而受供養</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No roster row for this HKID</source>
        <translation>名冊上沒有此身份證號碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already holds an account</source>
        <translation>已持有帳戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already on an earlier pending application</source>
        <translation>已在較早一份處理中的申請內</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queried with the department</source>
        <translation>已向部門查詢</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>處理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>iAM Smart e-form</source>
        <translation>「智方便」電子表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In person (paper)</source>
        <translation>親身遞交（紙本）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>已拒絕</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queried</source>
        <translation>已查詢</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serving officer</source>
        <translation>在職人員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pensioner</source>
        <translation>退休金領取人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Survivor</source>
        <translation>遺屬</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dependant</source>
        <translation>家屬</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Self</source>
        <translation>本人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child</source>
        <translation>子女</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Full-time education or training</source>
        <translation>全日制教育或訓練</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dependent through infirmity</source>
        <translation>因傷殘而受供養</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not an eligible person</source>
        <translation>不是合資格人士</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not on the roster</source>
        <translation>不在名冊上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Particulars differ from the roster</source>
        <translation>資料與名冊不符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duplicate: already holds an account or applied earlier</source>
        <translation>重複：已持有帳戶或較早前已申請</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdrawn by the applicant</source>
        <translation>申請人撤回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other (say why in the note)</source>
        <translation>其他（請在附註說明）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark added</source>
        <translation>加入備註</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>已匯入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyed in</source>
        <translation>已輸入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided</source>
        <translation>已決定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified against the rosters</source>
        <translation>已與名冊核對</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query list exported</source>
        <translation>已匯出查詢名單</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>overdue by {n}</source>
        <translation>逾期 {n} 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} left</source>
        <translation>尚餘 {n} 天</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Click to sort by this column</source>
        <translation>按此以此欄排序</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This column cannot be sorted</source>
        <translation>此欄不能排序</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Form ID</source>
        <translation>表格編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>限期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working days</source>
        <translation>工作天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Principal</source>
        <translation>主要受惠人</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Outcome</source>
        <translation>核對結果</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+47"/>
        <source>To decide</source>
        <translation>待決定</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Department</source>
        <translation>部門</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned to</source>
        <translation>負責人員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>狀況</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>途徑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>收件日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>成員</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>HKID</source>
        <translation>身份證號碼</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>English name</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationship</source>
        <translation>關係</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Decision</source>
        <translation>決定</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Decided by {user} at {time}</source>
        <translation>由 {user} 於 {time} 決定</translation>
    </message>
    <message>
        <location line="+45"/>
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
        <source>What</source>
        <translation>事項</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>記錄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>詳情</translation>
    </message>
</context>
<context>
    <name>ApplicationsPage</name>
    <message>
        <location filename="../../fc_admin/views/applications_page.py" line="+68"/>
        <source>Open</source>
        <translation>處理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All statuses</source>
        <translation>所有狀況</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any outcome</source>
        <translation>任何核對結果</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All departments</source>
        <translation>所有部門</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All channels</source>
        <translation>所有途徑</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Any deadline</source>
        <translation>任何限期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At risk or overdue</source>
        <translation>臨近限期或已逾期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At risk</source>
        <translation>臨近限期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Anyone</source>
        <translation>任何人員</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undecided members only</source>
        <translation>只顯示有待決定成員的表格</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Form ID, name or HKID, then Enter</source>
        <translation>表格編號、姓名或身份證號碼，然後按 Enter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Form ID or name, then Enter</source>
        <translation>表格編號或姓名，然後按 Enter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear filters</source>
        <translation>清除篩選</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Search:</source>
        <translation>搜尋：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Assign to…</source>
        <translation>分配給…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+418"/>
        <location line="+11"/>
        <location line="+11"/>
        <source>Approve all Eligible</source>
        <translation>批准所有合資格成員</translation>
    </message>
    <message>
        <location line="-437"/>
        <source>Approve every undecided Eligible member of the selected forms, or of all forms.</source>
        <translation>批准所選表格（或所有表格）內所有尚未決定的合資格成員。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Of the selected forms…</source>
        <translation>所選的表格…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Of every form…</source>
        <translation>所有表格…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+446"/>
        <location line="+11"/>
        <source>Verify now</source>
        <translation>立即核對</translation>
    </message>
    <message>
        <location line="-454"/>
        <source>Check every member still waiting against the current rosters (R3.2).</source>
        <translation>以現行名冊核對所有仍在等候的成員（R3.2）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Forms assigned to {name}</source>
        <translation>分配給 {name} 的表格</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>You may search by form ID or name; searching by HKID is for verifiers.</source>
        <translation>你可以按表格編號或姓名搜尋；以身份證號碼搜尋只限核實人員。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Counting…</source>
        <translation>正在點算…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Matching forms: {n}</source>
        <translation>符合的表格：{n} 份</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Approve every undecided Eligible member of the selected forms ({n})?</source>
        <translation>批准所選表格（{n} 份）內所有尚未決定的合資格成員？</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Members approved: {n}.</source>
        <translation>已批准成員：{n} 名。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Members verified against the current rosters: {n}.</source>
        <translation>已以現行名冊核對的成員：{n} 名。</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Open: {n}</source>
        <translation>處理中：{n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done: {n}</source>
        <translation>已完成：{n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At risk: {n}</source>
        <translation>臨近限期：{n}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Overdue: {n}</source>
        <translation>已逾期：{n}</translation>
    </message>
    <message>
        <location line="+79"/>
        <location line="+12"/>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Approve every undecided Eligible member of every form in the database?</source>
        <translation>批准資料庫內所有表格中尚未決定的合資格成員？</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Approving Eligible members…</source>
        <translation>正在批准合資格成員…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Verifying members against the rosters…</source>
        <translation>正在以名冊核對成員…</translation>
    </message>
</context>
<context>
    <name>AppointmentStates</name>
    <message>
        <location filename="../../fc_admin/views/daily_lists_page.py" line="+73"/>
        <location filename="../../fc_admin/views/messages.py" line="+83"/>
        <source>booked</source>
        <translation>已預約</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../fc_admin/views/messages.py" line="+1"/>
        <source>attended</source>
        <translation>已應診</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../fc_admin/views/messages.py" line="+1"/>
        <source>no-show</source>
        <translation>缺席</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../fc_admin/views/messages.py" line="+1"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>AuditActions</name>
    <message>
        <location filename="../../fc_admin/views/audit_model.py" line="+27"/>
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
        <source>Session template loaded</source>
        <translation>已載入時段範本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinic day or session closed</source>
        <translation>診所全日或時段停診</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closure withdrawn</source>
        <translation>已撤銷停診</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call list printed or exported</source>
        <translation>已列印或匯出致電名單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily appointment list printed</source>
        <translation>已列印每日預約名單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily appointment list exported</source>
        <translation>已匯出每日預約名單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caller looked up by HKID</source>
        <translation>以身份證號碼查詢來電者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment booked</source>
        <translation>已預約</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment moved</source>
        <translation>已更改預約</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment cancelled</source>
        <translation>已取消預約</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attendance recorded</source>
        <translation>已記錄出席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online bookings feed imported</source>
        <translation>已匯入網上預約資料</translation>
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
        <location line="+1"/>
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
    <message>
        <location line="+1"/>
        <source>Search by HKID</source>
        <translation>以身份證號碼搜尋</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-form refused and quarantined</source>
        <translation>電子表格被拒並已隔離</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members verified against the rosters</source>
        <translation>已按名冊核對成員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision on a member</source>
        <translation>就成員作出決定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form assigned</source>
        <translation>已分配表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark added</source>
        <translation>已加備註</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query list exported</source>
        <translation>已匯出查詢清單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly statistics exported</source>
        <translation>已匯出每月統計數字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation details issued</source>
        <translation>已發出啟動資料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation details delivered</source>
        <translation>已送達啟動資料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation details not delivered</source>
        <translation>啟動資料未能送達</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account activated</source>
        <translation>帳戶已啟動</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong activation code</source>
        <translation>啟動碼錯誤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account locked after wrong codes</source>
        <translation>多次輸入錯誤啟動碼，帳戶已鎖定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account expired</source>
        <translation>帳戶已過期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation reminder sent</source>
        <translation>已發出啟動提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation details re-issued</source>
        <translation>已重新發出啟動資料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account suspended</source>
        <translation>帳戶已暫停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shared setting changed</source>
        <translation>已更改共用設定</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location line="+54"/>
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
        <location line="+74"/>
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
    <name>BookingConsole</name>
    <message>
        <location filename="../../fc_admin/views/booking_console_page.py" line="+117"/>
        <source>Not a valid HKID: the check character should be {expected}</source>
        <translation>香港身份證號碼無效：檢查碼應為 {expected}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep typing: 1–2 letters, 6 digits and the check character</source>
        <translation>請繼續輸入：1 至 2 個英文字母、6 位數字及檢查碼</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not a valid HKID: expected 1–2 letters, 6 digits and a check character, e.g. A123456(3)</source>
        <translation>香港身份證號碼無效：應為 1 至 2 個英文字母、6 位數字及檢查碼，例如 A123456(3)</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Channel: {channel}</source>
        <translation>預約途徑：{channel}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refresh (F5)</source>
        <translation>重新整理 (F5)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New caller (Ctrl+N)</source>
        <translation>新來電者 (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your role cannot book appointments: the console is read-only.</source>
        <translation>你的角色不能預約：預約控制台只供查閱。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clinic:</source>
        <translation>診所：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Caller&apos;s HKID, e.g. A123456(3)</source>
        <translation>來電者的身份證號碼，例如 A123456(3)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Look up (Enter)</source>
        <translation>查詢 (Enter)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Caller</source>
        <translation>來電者</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Eligibility:</source>
        <translation>資格：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chinese name:</source>
        <translation>中文姓名：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HKID:</source>
        <translation>身份證號碼：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category:</source>
        <translation>類別：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Relationship:</source>
        <translation>關係：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roster:</source>
        <translation>名冊：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upcoming appointments</source>
        <translation>未來的預約</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No upcoming appointments.</source>
        <translation>沒有未來的預約。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel…</source>
        <translation>取消…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>HKID (Ctrl+H):</source>
        <translation>身份證號碼 (Ctrl+H)：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>e.g. 9123 4567</source>
        <translation>例如 9123 4567</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Book (Ctrl+B)</source>
        <translation>預約 (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dates (Alt+1…9):</source>
        <translation>日期 (Alt+1…9)：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Contact phone:</source>
        <translation>聯絡電話：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Available slots</source>
        <translation>可預約時間</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Type the caller&apos;s HKID first.</source>
        <translation>請先輸入來電者的身份證號碼。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Type the caller&apos;s HKID and press Enter.</source>
        <translation>請輸入來電者的身份證號碼，然後按 Enter。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Eligible on {date}</source>
        <translation>{date} 合資格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not eligible on {date}</source>
        <translation>{date} 不合資格</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Live on online booking: today and the next calendar day, when they are operating days.</source>
        <translation>已啟用網上預約：可預約今天及翌日（須為應診日）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not yet live on online booking: today and the next 7 working days.</source>
        <translation>尚未啟用網上預約：可預約今天及其後 7 個工作天。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Seats as of {moment} (F5 refreshes)</source>
        <translation>名額截至 {moment}（按 F5 重新整理）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{date} · {count} open</source>
        <translation>{date} · 可預約 {count} 個</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No bookable dates: the clinic is closed, or it is a weekend or a holiday.</source>
        <translation>沒有可預約的日期：診所停診，或適逢週末或假期。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The clinic has no slots that day.</source>
        <translation>診所當日沒有預約時間。</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Look up the caller first: type the HKID and press Enter.</source>
        <translation>請先查詢來電者：輸入身份證號碼，然後按 Enter。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose an open slot first.</source>
        <translation>請先選擇可預約的時間。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Booking…</source>
        <translation>正在預約…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not booked: {reason}</source>
        <translation>未能預約：{reason}</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Not cancelled: {reason}</source>
        <translation>未能取消：{reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancelled {ref} ({date} {time}). The seat is free again.</source>
        <translation>已取消 {ref}（{date} {time}）。該名額已重新開放。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Not changed: {reason}</source>
        <translation>未能更改：{reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Moved {ref} to {when}.</source>
        <translation>已將 {ref} 改為 {when}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{date} at {time}, {clinic}</source>
        <translation>{date} {time}，{clinic}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Booking reference: {ref}</source>
        <translation>預約編號：{ref}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Booked {ref} for {when}. Read the reference to the caller.</source>
        <translation>已預約 {ref}：{when}。請向來電者讀出預約編號。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Enter looks the caller up · arrows choose a slot · Enter or Ctrl+B books · Ctrl+N new caller</source>
        <translation>Enter 查詢來電者 · 方向鍵選擇預約時間 · Enter 或 Ctrl+B 預約 · Ctrl+N 新來電者</translation>
    </message>
    <message>
        <location filename="../../fc_admin/views/booking_models.py" line="+30"/>
        <source>Open</source>
        <translation>可預約</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full</source>
        <translation>已滿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed</source>
        <translation>停診</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>已開始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No telephone seats</source>
        <translation>沒有電話名額</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every telephone seat of this slot is taken (R10.3).</source>
        <translation>此預約時間的電話名額已全部預約（R10.3）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The clinic or this session is closed on this day (R10.2).</source>
        <translation>診所或此時段當日停診（R10.2）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A same-day slot can be booked only before it starts (R8.4).</source>
        <translation>即日的預約時間只可在開始前預約（R8.4）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This slot has no seats for telephone bookings (R10.1).</source>
        <translation>此預約時間沒有電話預約名額（R10.1）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Telephone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online</source>
        <translation>網上</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ATBS</source>
        <translation>ATBS</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session</source>
        <translation>時段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seats left</source>
        <translation>剩餘名額</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>狀況</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Telephone seats left, of the slot&apos;s telephone seats (R10.1)</source>
        <translation>剩餘電話名額／此預約時間的電話名額（R10.1）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{left} of {seats}</source>
        <translation>{left} / {seats}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{left} of {seats} telephone seats left; the slot takes {capacity} people in all.</source>
        <translation>電話名額尚餘 {left} 個（共 {seats} 個）；此預約時間合共可接受 {capacity} 人。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Reference</source>
        <translation>預約編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date and time</source>
        <translation>日期及時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinic</source>
        <translation>診所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>預約途徑</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{session} session · contact phone: {phone}</source>
        <translation>{session} 時段 · 聯絡電話：{phone}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not on any department&apos;s roster: not a civil service eligible person (R1).</source>
        <translation>不在任何部門的名冊上：並非可使用公務員診所的合資格人士（R1）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{source} roster: not eligible – {reasons}</source>
        <translation>{source} 名冊：不合資格 – {reasons}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{source} roster: eligible</source>
        <translation>{source} 名冊：合資格</translation>
    </message>
</context>
<context>
    <name>BookingDialogs</name>
    <message>
        <location filename="../../fc_admin/views/booking_dialogs.py" line="+41"/>
        <source>{ref}: {date} {time} at {clinic}</source>
        <translation>{ref}：{date} {time}，{clinic}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enter the caller&apos;s contact phone number (the call list needs it).</source>
        <translation>請輸入來電者的聯絡電話號碼（致電名單需要此資料）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A contact phone number has 8 to 15 digits (spaces, + - ( ) allowed).</source>
        <translation>聯絡電話號碼須有 8 至 15 位數字（可包括空格及 + - ( )）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel {ref}</source>
        <translation>取消預約 {ref}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel {appointment}? The seat is freed for another caller. The reason is recorded with your name.</source>
        <translation>取消 {appointment}？該名額會開放給其他來電者。原因會連同你的名字記錄。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Requested by the caller</source>
        <translation>來電者要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booked in error</source>
        <translation>錯誤預約</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The caller cannot attend</source>
        <translation>來電者未能出席</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Why the appointment is cancelled</source>
        <translation>取消預約的原因</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel the appointment</source>
        <translation>取消預約</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep it</source>
        <translation>保留預約</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A cancellation needs a reason: choose or type one.</source>
        <translation>取消預約須提供原因：請選擇或輸入原因。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Change {ref}</source>
        <translation>更改預約 {ref}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Now: {appointment}</source>
        <translation>現時：{appointment}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Move the appointment</source>
        <translation>更改預約</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New date:</source>
        <translation>新日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact phone:</source>
        <translation>聯絡電話：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No bookable dates: the clinic is closed, or it is a weekend or a holiday.</source>
        <translation>沒有可預約的日期：診所停診，或適逢週末或假期。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Choose an open slot.</source>
        <translation>請選擇可預約的時間。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That is the appointment&apos;s time now: choose another slot.</source>
        <translation>這是預約現時的時間：請選擇另一個時間。</translation>
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
        <location line="+7"/>
        <source>Received on:</source>
        <translation>收件日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline:</source>
        <translation>限期：</translation>
    </message>
    <message>
        <location line="+68"/>
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
    <name>CapacityPage</name>
    <message>
        <location filename="../../fc_admin/views/capacity_page.py" line="+62"/>
        <source>Choose a session template file</source>
        <translation>選擇時段範本檔案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TOML files (*.toml);;All files (*)</source>
        <translation>TOML 檔案 (*.toml);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>狀況</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>時段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaded by</source>
        <translation>載入人員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaded at</source>
        <translation>載入時間</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In force today</source>
        <translation>現正生效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upcoming</source>
        <translation>即將生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaced</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>停診</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Affected appointments</source>
        <translation>受影響的預約</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed by</source>
        <translation>停診設定人員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed at</source>
        <translation>停診設定時間</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Clinic:</source>
        <translation>診所：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New template…</source>
        <translation>新範本…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new weekly template, starting from the one in force today</source>
        <translation>以現正生效的範本為藍本，建立新的每週範本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Load from TOML file…</source>
        <translation>從 TOML 檔案載入…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>View</source>
        <translation>檢視</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Weekly session templates</source>
        <translation>每週時段範本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each template applies from its date until the next one; a new template never changes earlier days.</source>
        <translation>每個範本由其生效日期起適用，直至下一個範本生效為止；新範本不會更改較早的日子。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Close a day or session…</source>
        <translation>全日或時段停診…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+250"/>
        <source>Reopen</source>
        <translation>恢復應診</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>Withdraw the selected closure: bookings are taken again</source>
        <translation>撤銷所選的停診：重新接受預約</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Call list…</source>
        <translation>致電名單…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Closures from today on</source>
        <translation>今天起的停診</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only an administrator can change templates and closures.</source>
        <translation>只有系統管理員可以更改範本及停診。</translation>
    </message>
    <message>
        <location line="+184"/>
        <source>The file {file} could not be read: {reason}</source>
        <translation>無法讀取檔案 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Reopen {clinic} on {date} ({scope})? Bookings are taken again for it.</source>
        <translation>恢復{clinic}於 {date}（{scope}）應診？將重新接受該段時間的預約。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Capacity</source>
        <translation>名額</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <location filename="../../fc_admin/views/messages.py" line="-54"/>
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
        <location filename="../../fc_admin/views/clinics_page.py" line="+54"/>
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
        <location line="+10"/>
        <source>Rollout timeline</source>
        <translation>推行時間表</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Only an administrator can change go-live dates.</source>
        <translation>只有系統管理員可以更改啟用日期。</translation>
    </message>
    <message>
        <location line="+41"/>
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
    <name>ClosureDialogs</name>
    <message>
        <location filename="../../fc_admin/views/closure_dialogs.py" line="+53"/>
        <source>Typhoon signal No. 8</source>
        <translation>颱風信號八號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Black rainstorm warning</source>
        <translation>黑色暴雨警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff training</source>
        <translation>職員培訓</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+136"/>
        <source>Whole day</source>
        <translation>全日</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Close {clinic}</source>
        <translation>{clinic}停診</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No new bookings are taken for a closed day or session. The appointments already booked on it are listed afterwards with the people&apos;s contact numbers, so that they can be phoned.</source>
        <translation>停診的日子或時段不會再接受新預約。已預約的人士其後會連同其聯絡電話列出，以便致電通知。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose a reason or type another</source>
        <translation>選擇原因或輸入其他原因</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close:</source>
        <translation>停診範圍：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Close the clinic</source>
        <translation>停診</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Session {name} ({start}–{end})</source>
        <translation>時段 {name}（{start}–{end}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{date} is a holiday ({name}): every clinic is closed.</source>
        <translation>{date} 是假期（{name}）：所有診所均停診。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The clinic has no session on {date}: nothing to close.</source>
        <translation>診所於 {date} 沒有應診時段：無須停診。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session</source>
        <translation>時段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booking ref.</source>
        <translation>預約編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HKID</source>
        <translation>身份證號碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact phone</source>
        <translation>聯絡電話</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>預約途徑</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export the call list as PDF</source>
        <translation>將致電名單匯出為 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 檔案 (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the call list as CSV</source>
        <translation>將致電名單匯出為 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Call list — {clinic}, {date}</source>
        <translation>致電名單 — {clinic}，{date}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{clinic} closed on {date} ({scope}): {reason}</source>
        <translation>{clinic}於 {date} 停診（{scope}）：{reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{count} booked appointment(s) to phone. HKID numbers are masked.</source>
        <translation>須致電通知的預約：{count} 個。身份證號碼已遮蓋。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No booked appointment is affected: there is nobody to phone.</source>
        <translation>沒有受影響的預約：無須致電任何人士。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export PDF…</source>
        <translation>匯出 PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>匯出 CSV…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Writing…</source>
        <translation>正在寫入…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wrote {count} row(s) to {file}.</source>
        <translation>已寫入 {count} 行至 {file}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Writing the call list…</source>
        <translation>正在寫入致電名單…</translation>
    </message>
</context>
<context>
    <name>DailyListsPage</name>
    <message>
        <location filename="../../fc_admin/views/daily_lists_page.py" line="+233"/>
        <source>Refresh (F5)</source>
        <translation>重新整理 (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview…</source>
        <translation>預覽…</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+74"/>
        <source>Print…</source>
        <translation>列印…</translation>
    </message>
    <message>
        <location line="-222"/>
        <source>Print the daily list</source>
        <translation>列印每日預約名單</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export the daily list as CSV</source>
        <translation>將每日預約名單匯出為 CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session</source>
        <translation>時段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booking ref.</source>
        <translation>預約編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (English)</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Chinese)</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HKID</source>
        <translation>身份證號碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>類別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>預約途徑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>狀況</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{clinic} is not live on this date: telephone bookings only.</source>
        <translation>{clinic}在此日期尚未啟用網上預約：只有電話預約。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{session} {times}: closed ({reason}), {count} appointment(s)</source>
        <translation>{session} {times}：停診（{reason}），{count} 個預約</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{session}: not in the session template, {count} appointment(s)</source>
        <translation>{session}：不在時段範本內，{count} 個預約</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{session} {times}: {count} appointment(s)</source>
        <translation>{session} {times}：{count} 個預約</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled: {count}</source>
        <translation>已取消：{count}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{pages} page(s)</source>
        <translation>{pages} 頁</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open PDF</source>
        <translation>開啟 PDF</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Export CSV…</source>
        <translation>匯出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attended (Ctrl+Shift+A)</source>
        <translation>已應診 (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-show (Ctrl+Shift+N)</source>
        <translation>缺席 (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Clinic:</source>
        <translation>診所：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Attendance of the selected appointments:</source>
        <translation>所選預約的應診情況：</translation>
    </message>
    <message>
        <location line="+158"/>
        <location line="+11"/>
        <source>Attendance is recorded on or after the day of the appointment.</source>
        <translation>應診情況須於預約當日或之後記錄。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only booked appointments can be marked.</source>
        <translation>只可標記已預約的預約。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark {count} appointment(s) as attended?</source>
        <translation>將 {count} 個預約標記為已應診？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark {count} appointment(s) as no-show?</source>
        <translation>將 {count} 個預約標記為缺席？</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+28"/>
        <location line="+4"/>
        <source>Attendance</source>
        <translation>應診情況</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>{count} marked as {state}.</source>
        <translation>已將 {count} 個預約標記為{state}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} not booked, left as they were.</source>
        <translation>{count} 個並非已預約狀態，維持不變。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Recording the attendance…</source>
        <translation>正在記錄應診情況…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Daily list {clinic} {day}</source>
        <translation>每日預約名單 {clinic} {day}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preparing the daily list…</source>
        <translation>正在準備每日預約名單…</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+8"/>
        <source>Print</source>
        <translation>列印</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The printer could not be started.</source>
        <translation>無法啟動打印機。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent {pages} page(s) to the printer.</source>
        <translation>已將 {pages} 頁送往打印機。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Preparing the pages to print…</source>
        <translation>正在準備列印頁面…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{count} appointment(s) written to {file}.</source>
        <translation>已將 {count} 個預約寫入 {file}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export CSV</source>
        <translation>匯出 CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exporting the daily list…</source>
        <translation>正在匯出每日預約名單…</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../fc_admin/views/dashboard_page.py" line="+175"/>
        <source>Today&apos;s work</source>
        <translation>今日工作</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Forms waiting for a decision</source>
        <translation>等待決定的表格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Forms at risk: 3 working days or fewer left</source>
        <translation>臨近限期的表格：餘下 3 個工作天或以下</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Forms overdue: past the 14-working-day deadline</source>
        <translation>已逾期的表格：已過 14 個工作天的限期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved members waiting for activation details</source>
        <translation>已批准而等待啟動資料的成員</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Activation rate</source>
        <translation>啟動率</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Click a figure, or press Enter on it, to open the list behind it.</source>
        <translation>按一下數字（或選取後按 Enter），即可開啟相關清單。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Accounts expiring in the next {n} days</source>
        <translation>未來 {n} 天內過期的帳戶</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{active} active of {issued} issued</source>
        <translation>已發出 {issued} 個，其中 {active} 個已啟動</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Updated {time}</source>
        <translation>更新於 {time}</translation>
    </message>
</context>
<context>
    <name>DecisionDialogs</name>
    <message>
        <location filename="../../fc_admin/views/decision_dialogs.py" line="+57"/>
        <source>Note:</source>
        <translation>附註：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Please write a note.</source>
        <translation>請填寫附註。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The note is limited to {n} characters.</source>
        <translation>附註不可超過 {n} 個字元。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reject a member</source>
        <translation>拒絕成員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject {member}: choose the reason.</source>
        <translation>拒絕 {member}：請選擇原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional: anything the reason omits</source>
        <translation>選填：原因以外的補充</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Please choose a reason.</source>
        <translation>請選擇原因。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please say in the note what the other reason is.</source>
        <translation>請在附註說明其他原因。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Query the department</source>
        <translation>向部門查詢</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask {department} to confirm or update the particulars of {member}. The question goes into the department&apos;s query list.</source>
        <translation>請 {department} 確認或更新 {member} 的資料。此查詢會列入該部門的查詢名單。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your question to the department</source>
        <translation>你向部門提出的問題</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Approve against the check</source>
        <translation>不按核對結果批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The automatic check of {member} gave {outcome}, not Eligible. Approving needs a written justification, recorded with your name.</source>
        <translation>{member} 的自動核對結果為「{outcome}」，不是「合資格」。批准須附書面理由，並會連同你的姓名記錄。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why this member is eligible</source>
        <translation>此成員合資格的理由</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Assign forms</source>
        <translation>分配表格</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nobody (back to the pool)</source>
        <translation>不分配（交回共用列表）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign {n} form(s) to:</source>
        <translation>把 {n} 份表格分配給：</translation>
    </message>
</context>
<context>
    <name>EFormImport</name>
    <message>
        <location filename="../../fc_admin/views/eform_import_dialog.py" line="+49"/>
        <source>Accepted</source>
        <translation>已接納</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate (already imported)</source>
        <translation>重複（早已匯入）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected (quarantined)</source>
        <translation>已拒收（已隔離）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose e-form files</source>
        <translation>選擇電子表格檔案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-forms (*.json);;All files (*)</source>
        <translation>電子表格 (*.json);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form ID</source>
        <translation>表格編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Import e-forms</source>
        <translation>匯入電子表格</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add files…</source>
        <translation>加入檔案…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a folder…</source>
        <translation>加入資料夾…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The folder of the trusted public keys (*.pem)</source>
        <translation>受信任公開金鑰（*.pem）的資料夾</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Files and folders:</source>
        <translation>檔案及資料夾：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted keys:</source>
        <translation>受信任金鑰：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Choose a folder of e-forms</source>
        <translation>選擇電子表格資料夾</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the trusted keys folder</source>
        <translation>選擇受信任金鑰資料夾</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose the folder of trusted keys first.</source>
        <translation>請先選擇受信任金鑰資料夾。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Importing e-forms: {done} of {total} files…</source>
        <translation>正在匯入電子表格：第 {done} 個，共 {total} 個檔案…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Importing…</source>
        <translation>正在匯入…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Importing e-forms…</source>
        <translation>正在匯入電子表格…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Accepted: {accepted}, duplicates: {duplicate}, rejected: {rejected}.</source>
        <translation>接納：{accepted} 份，重複：{duplicate} 份，拒收：{rejected} 份。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rejected files are kept in the quarantine with their reason; nothing of them entered the queue.</source>
        <translation>被拒收的檔案連同原因保存在隔離區；檔案內容全部沒有進入申請列表。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import cancelled: the files imported before stay imported; import again to finish (they are reported as duplicates).</source>
        <translation>已取消匯入：之前已匯入的檔案維持匯入；請再次匯入以完成（已匯入的會列為重複）。</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../fc_admin/views/first_run_dialog.py" line="+35"/>
        <source>This database has no staff users yet. Create the first administrator; they can then add the other users.</source>
        <translation>這個資料庫還沒有職員用戶。請建立第一位系統管理員，然後由他新增其他用戶。</translation>
    </message>
</context>
<context>
    <name>KeyInForm</name>
    <message>
        <location filename="../../fc_admin/views/key_in_dialog.py" line="+85"/>
        <source>wrong check character</source>
        <translation>檢查碼錯誤</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not an HKID number</source>
        <translation>不是身份證號碼</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Key in a paper application form</source>
        <translation>輸入紙本申請表</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>for the activation details (R5.1)</source>
        <translation>用於發送啟動資料（R5.1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>8 digits</source>
        <translation>8 位數字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clinic:</source>
        <translation>診所：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applicant&apos;s email:</source>
        <translation>申請人電郵：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applicant&apos;s mobile:</source>
        <translation>申請人手提電話：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add a member</source>
        <translation>加入成員</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>as on the HKID card, e.g. CHAN, Tai Man</source>
        <translation>與身份證相同，例如 CHAN, Tai Man</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>YYYY-MM-DD</source>
        <translation>年年年年-月月-日日</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>e.g. LCSD; PEN for pensioners</source>
        <translation>例如 LCSD；退休金領取人為 PEN</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optional</source>
        <translation>選填</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None</source>
        <translation>無</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>HKID:</source>
        <translation>身份證號碼：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name:</source>
        <translation>英文姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name:</source>
        <translation>中文姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth:</source>
        <translation>出生日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationship:</source>
        <translation>關係：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category:</source>
        <translation>類別：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Principal&apos;s HKID:</source>
        <translation>主要受惠人身份證號碼：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department:</source>
        <translation>部門：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff no.:</source>
        <translation>職員編號：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email:</source>
        <translation>電郵：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child status:</source>
        <translation>子女狀況：</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Member {n}</source>
        <translation>成員 {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>usually the principal</source>
        <translation>通常為主要受惠人</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>default: {hkid}</source>
        <translation>預設：{hkid}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Choose the clinic where the form was taken.</source>
        <translation>請選擇收取表格的診所。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>HKID</source>
        <translation>身份證號碼</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>principal&apos;s HKID</source>
        <translation>主要受惠人身份證號碼</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Member {n}: the {field} is not a valid HKID number.</source>
        <translation>成員 {n}：{field}不是有效的身份證號碼。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Member {n}: the English name is missing.</source>
        <translation>成員 {n}：未填英文姓名。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Member {n}: the date of birth must be YYYY-MM-DD.</source>
        <translation>成員 {n}：出生日期須為 YYYY-MM-DD（年-月-日）。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Form saved</source>
        <translation>表格已儲存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The form was saved as {form_id}; it is in the application queue now.</source>
        <translation>表格已儲存為 {form_id}，現已列入申請列表。</translation>
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
        <location filename="../../fc_admin/views/main_window.py" line="+118"/>
        <source>DEMO — synthetic data, changes are not kept</source>
        <translation>示範 — 模擬資料，所作更改不會保留</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Families Clinics Online Booking System — back office</source>
        <translation>公務員診所網上預約系統 — 後勤管理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DEMO</source>
        <translation>示範</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Dashboard</source>
        <translation>概覽</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Applications</source>
        <translation>申請</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>My work</source>
        <translation>我的工作</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Activations</source>
        <translation>帳戶啟動</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Booking console</source>
        <translation>預約控制台</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Daily lists</source>
        <translation>每日預約名單</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Clinics</source>
        <translation>診所</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Calendar</source>
        <translation>日曆</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Capacity</source>
        <translation>名額</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Utilisation</source>
        <translation>使用率</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Quarantine</source>
        <translation>隔離區</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Users</source>
        <translation>用戶</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Audit log</source>
        <translation>審計記錄</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Open these forms in Applications</source>
        <translation>在「申請」開啟這些表格</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open the members waiting in Activations</source>
        <translation>在「帳戶啟動」開啟正在等待的成員</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open these accounts in Activations</source>
        <translation>在「帳戶啟動」開啟這些帳戶</translation>
    </message>
    <message>
        <location line="+97"/>
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
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock</source>
        <translation>鎖定(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign &amp;out</source>
        <translation>登出(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About fc-admin</source>
        <translation>關於 fc-admin(&amp;A)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import a &amp;roster…</source>
        <translation>匯入名冊(&amp;R)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import &amp;e-forms…</source>
        <translation>匯入電子表格(&amp;E)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Key in a paper form…</source>
        <translation>輸入紙本表格(&amp;K)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export a department&apos;s &amp;query list…</source>
        <translation>匯出部門查詢名單(&amp;Q)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import &amp;activations…</source>
        <translation>匯入啟動記錄(&amp;A)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>E&amp;xpire overdue accounts</source>
        <translation>將逾期帳戶設為過期(&amp;X)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send activation &amp;reminders</source>
        <translation>發送啟動提示(&amp;R)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Work</source>
        <translation>工作(&amp;W)</translation>
    </message>
</context>
<context>
    <name>MemberComparison</name>
    <message>
        <location filename="../../fc_admin/views/member_comparison.py" line="+55"/>
        <source>HKID</source>
        <translation>身份證號碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>類別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationship</source>
        <translation>關係</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Principal&apos;s HKID</source>
        <translation>主要受惠人身份證號碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department / source</source>
        <translation>部門／來源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff number</source>
        <translation>職員編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child status</source>
        <translation>子女狀況</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roster status</source>
        <translation>名冊狀況</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive</source>
        <translation>無效</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(since {date})</source>
        <translation>（自 {date} 起）</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Select a member to compare.</source>
        <translation>請選擇要核對的成員。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>On the form</source>
        <translation>表格所填</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On the roster</source>
        <translation>名冊所載</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Differs from the roster</source>
        <translation>與名冊不符</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Outcome: {outcome}</source>
        <translation>核對結果：{outcome}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(checked {time})</source>
        <translation>（{time} 核對）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Name similarity: {percent}%</source>
        <translation>姓名相似度：{percent}%</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Turns 19 on {date}: from then eligible only in full-time education or if infirm</source>
        <translation>{date} 年滿 19 歲：其後只在接受全日制教育或因傷殘受供養時才合資格</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ages out on {date} (turns 21)</source>
        <translation>{date} 年滿 21 歲，其後不再合資格</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Roster: {source} as of {date}</source>
        <translation>名冊：{source}，截至 {date}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not verified against the rosters yet.</source>
        <translation>尚未與名冊核對。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No roster row for this HKID.</source>
        <translation>名冊上沒有此身份證號碼。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../fc_admin/views/messages.py" line="+109"/>
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
        <location line="-108"/>
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
    <name>Quarantine</name>
    <message>
        <location filename="../../fc_admin/views/quarantine_page.py" line="+45"/>
        <source>Received (HKT)</source>
        <translation>收件時間（香港時間）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form ID</source>
        <translation>表格編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>E-forms refused on import: a signature that does not verify against a trusted key, or content that is not well-formed (R2.3). Nothing of them entered the queue.</source>
        <translation>匯入時被拒收的電子表格：簽署未能以受信任金鑰核實，或內容格式不正確（R2.3）。這些表格的內容全部沒有進入申請列表。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select a file to read its content.</source>
        <translation>請選擇檔案以查看內容。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Files: {n}</source>
        <translation>檔案：{n} 個</translation>
    </message>
</context>
<context>
    <name>QueryExport</name>
    <message>
        <location filename="../../fc_admin/views/query_export_dialog.py" line="+40"/>
        <source>Save the query list</source>
        <translation>儲存查詢名單</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export a department&apos;s query list</source>
        <translation>匯出部門查詢名單</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The members of the department&apos;s forms that need the department to confirm or update particulars: the officers&apos; queries and the undecided members the check flagged (formats.md F4). HKIDs are masked in the file.</source>
        <translation>該部門表格中須由部門確認或更新資料的成員：人員提出的查詢，以及核對時被標示而尚未決定的成員（formats.md F4）。檔案內的身份證號碼會被遮蓋。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Department:</source>
        <translation>部門：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>檔案：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Choose a department.</source>
        <translation>請選擇部門。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the file to write.</source>
        <translation>請選擇要寫入的檔案。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exporting…</source>
        <translation>正在匯出…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n} rows written to {file}</source>
        <translation>已寫入 {n} 行至 {file}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exporting the query list…</source>
        <translation>正在匯出查詢名單…</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../fc_admin/views/messages.py" line="-31"/>
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
    <name>RolloutTimeline</name>
    <message>
        <location filename="../../fc_admin/views/rollout_timeline.py" line="+143"/>
        <source>Rollout timeline</source>
        <translation>推行時間表</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Before go-live: telephone + ATBS</source>
        <translation>啟用前：電話 + ATBS</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From go-live: online + telephone</source>
        <translation>啟用後：網上 + 電話</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not scheduled</source>
        <translation>未定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go-live date</source>
        <translation>網上預約啟用日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+276"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="-275"/>
        <source>Date shown below</source>
        <translation>下方顯示的日期</translation>
    </message>
    <message>
        <location line="+210"/>
        <source>Not scheduled: telephone + ATBS</source>
        <translation>未定：電話 + ATBS</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>telephone + ATBS</source>
        <translation>電話 + ATBS</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{date}: online + telephone</source>
        <translation>{date}：網上 + 電話</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>{date}
Click to see what changes on this date.</source>
        <translation>{date}
按此查看這日的變動。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not scheduled: no go-live date yet.</source>
        <translation>未定：尚未有啟用日期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Live since {date}.</source>
        <translation>自 {date} 起已啟用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Goes live on {date}.</source>
        <translation>將於 {date} 啟用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{clinic} ({code})
{date}: {channels}
{status}</source>
        <translation>{clinic}（{code}）
{date}：{channels}
{status}</translation>
    </message>
</context>
<context>
    <name>RosterImport</name>
    <message>
        <location filename="../../fc_admin/views/roster_import_dialog.py" line="+52"/>
        <source>Detect automatically</source>
        <translation>自動偵測</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a roster file</source>
        <translation>選擇名冊檔案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roster CSV (*.csv);;All files (*)</source>
        <translation>名冊 CSV (*.csv);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>line {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>column {name}</source>
        <translation>欄 {name}</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff no.</source>
        <translation>職員編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HKID</source>
        <translation>身份證號碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>類別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationship</source>
        <translation>關係</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Principal&apos;s HKID</source>
        <translation>主要受惠人身份證號碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child status</source>
        <translation>子女狀況</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>狀況</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status date</source>
        <translation>狀況生效日期</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import a roster</source>
        <translation>匯入名冊</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The roster CSV file (F1)</source>
        <translation>名冊 CSV 檔案（F1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>e.g. LCSD, or PEN for pensions</source>
        <translation>例如 LCSD；退休金組為 PEN</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>current roster as of {date}</source>
        <translation>現行名冊截至 {date}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no roster yet</source>
        <translation>尚無名冊</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>File:</source>
        <translation>檔案：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source:</source>
        <translation>來源：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding:</source>
        <translation>編碼：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roster as of:</source>
        <translation>名冊截至：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a file and its source to see a preview.</source>
        <translation>選擇檔案及其來源以預覽。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Reading {file}…</source>
        <translation>正在讀取 {file}…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reading the roster file…</source>
        <translation>正在讀取名冊檔案…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file cannot be read.</source>
        <translation>無法讀取檔案。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file}: {rows} rows of {source} ({counts}); encoding {encoding}.</source>
        <translation>{file}：{source} 共 {rows} 行（{counts}）；編碼 {encoding}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The first {n} rows are shown.</source>
        <translation>只顯示首 {n} 行。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>… and {n} more problems</source>
        <translation>… 另有 {n} 個問題</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Problems found: {n}. Nothing of this file can be imported until they are fixed.</source>
        <translation>發現問題：{n} 個。必須全部修正，檔案才可匯入。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Imported {rows} rows of {source} as of {date} ({counts}). Members waiting for {source} verified again: {reverified}.</source>
        <translation>已匯入 {source} 截至 {date} 的名冊共 {rows} 行（{counts}）。已重新核對正在等候 {source} 的成員：{reverified} 名。</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+76"/>
        <source>Warning: {text}</source>
        <translation>注意：{text}</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Importing…</source>
        <translation>正在匯入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing {source}: {done} rows read…</source>
        <translation>正在匯入 {source}：已讀取 {done} 行…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Importing the roster…</source>
        <translation>正在匯入名冊…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The roster was not imported; the previous roster stays in force.</source>
        <translation>名冊未有匯入；先前的名冊繼續生效。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Import cancelled: nothing changed, the previous roster stays in force.</source>
        <translation>已取消匯入：沒有任何改動，先前的名冊繼續生效。</translation>
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
        <location filename="../../fc_admin/views/task_runner.py" line="+231"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../fc_admin/views/template_editor.py" line="+105"/>
        <source>{name} {days} {start}–{end}, {minutes} min × {capacity} ({online} online)</source>
        <translation>{name} {days} {start}–{end}，{minutes} 分鐘 × {capacity}（網上 {online}）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{name} {start}–{end} {slots} slots × {capacity} = {seats} seats ({online} online)</source>
        <translation>{name} {start}–{end} {slots} 個預約時間 × {capacity} = {seats} 個名額（網上 {online}）</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+9"/>
        <source>closed</source>
        <translation>停診</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>Session</source>
        <translation>時段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End</source>
        <translation>結束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slot (min)</source>
        <translation>預約時間（分鐘）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>名額</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online seats</source>
        <translation>網上名額</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session&apos;s name, unique in the template (e.g. AM, PM)</source>
        <translation>時段名稱，在範本內不可重複（例如 AM、PM）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first slot starts at this time (on the slot grid)</source>
        <translation>第一個預約時間由此時間開始（須配合預約時間的間隔）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The last slot ends at or before this time</source>
        <translation>最後一個預約時間在此時間或之前結束</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Length of each slot in minutes</source>
        <translation>每個預約時間的長度（分鐘）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bookings per slot, all channels together</source>
        <translation>每個預約時間可接受的預約數目（所有途徑合計）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Of the capacity, seats reserved for online bookings once the clinic is live</source>
        <translation>診所啟用網上預約後，名額中保留給網上預約的數目</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Save the template as TOML</source>
        <translation>將範本儲存為 TOML</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TOML files (*.toml);;All files (*)</source>
        <translation>TOML 檔案 (*.toml);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Session template of {clinic}</source>
        <translation>{clinic}的時段範本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New session template for {clinic}</source>
        <translation>{clinic}的新時段範本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Valid from:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Add session</source>
        <translation>加入時段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a session row (Insert)</source>
        <translation>加入一行時段 (Insert)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove session</source>
        <translation>刪除時段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove the selected session row (Delete)</source>
        <translation>刪除所選的時段行 (Delete)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Problems:</source>
        <translation>問題：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Week preview:</source>
        <translation>每週預覽：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save as TOML…</source>
        <translation>儲存為 TOML…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>A template from {date} exists; saving replaces it.</source>
        <translation>已有由 {date} 起生效的範本；儲存後會取代該範本。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Row {n} ({name}): {reason}</source>
        <translation>第 {n} 行（{name}）：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row {n}: {reason}</source>
        <translation>第 {n} 行：{reason}</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Save as TOML</source>
        <translation>儲存為 TOML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file could not be written: {reason}</source>
        <translation>無法寫入檔案：{reason}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session.field</source>
        <translation>時段.欄位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Template file refused</source>
        <translation>範本檔案不獲接納</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file was not loaded: nothing of it is used until every problem below is fixed ({count} found).</source>
        <translation>檔案未有載入：必須修正以下所有問題（共 {count} 個），檔案內容才會使用。</translation>
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
        <location line="+104"/>
        <source>Users</source>
        <translation>用戶</translation>
    </message>
</context>
<context>
    <name>UtilisationPage</name>
    <message>
        <location filename="../../fc_admin/views/utilisation_page.py" line="+147"/>
        <source>{value}%</source>
        <translation>{value}%</translation>
    </message>
    <message>
        <location line="+98"/>
        <location line="+565"/>
        <source>Holiday</source>
        <translation>假期</translation>
    </message>
    <message>
        <location line="-563"/>
        <location line="+566"/>
        <source>Closed</source>
        <translation>停診</translation>
    </message>
    <message>
        <location line="-564"/>
        <source>{sessions} closed</source>
        <translation>{sessions} 停診</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+564"/>
        <source>No sessions</source>
        <translation>沒有應診時段</translation>
    </message>
    <message>
        <location line="-442"/>
        <location line="+420"/>
        <source>Go-live date</source>
        <translation>網上預約啟用日期</translation>
    </message>
    <message>
        <location line="-418"/>
        <source>Booked {booked} of {capacity} seats ({percent})</source>
        <translation>已預約 {booked} 個，共 {capacity} 個名額（{percent}）</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Go-live</source>
        <translation>啟用</translation>
    </message>
    <message>
        <location line="+234"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarter</source>
        <translation>季</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>◀ Previous</source>
        <translation>◀ 上一期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next ▶</source>
        <translation>下一期 ▶</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Clinic:</source>
        <translation>診所：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period:</source>
        <translation>期間：</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+287"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="-276"/>
        <source>Legend</source>
        <translation>圖例</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Before go-live (telephone + ATBS)</source>
        <translation>啟用前（電話 + ATBS）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From go-live (online + telephone)</source>
        <translation>啟用後（網上 + 電話）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Under 50% booked</source>
        <translation>預約率低於 50%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>50–79% booked</source>
        <translation>預約率 50–79%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>80–99% booked</source>
        <translation>預約率 80–99%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full</source>
        <translation>已滿</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>There is no clinic to show.</source>
        <translation>沒有可顯示的診所。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Q{quarter} {year}</source>
        <translation>{year}年第{quarter}季</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading…</source>
        <translation>正在載入…</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>{channel} {share}</source>
        <translation>{channel} {share}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Capacity {capacity} seats, booked {booked} ({utilisation}). Channel mix: {mix}.</source>
        <translation>名額 {capacity} 個，已預約 {booked} 個（{utilisation}）。各途徑比例：{mix}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Before go-live ({go_live}): capacity {b_capacity}, booked {b_booked} ({b_utilisation}). From go-live: capacity {a_capacity}, booked {a_booked} ({a_utilisation}), online {online}.</source>
        <translation>啟用前（{go_live}）：名額 {b_capacity} 個，已預約 {b_booked} 個（{b_utilisation}）。啟用後：名額 {a_capacity} 個，已預約 {a_booked} 個（{a_utilisation}），網上佔 {online}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No go-live date: telephone and ATBS bookings only.</source>
        <translation>沒有啟用日期：只接受電話及 ATBS 預約。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Live since {go_live}: online and manual telephone.</source>
        <translation>自 {go_live} 起已啟用：網上及人手電話預約。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Goes live on {go_live}: telephone and ATBS until then.</source>
        <translation>將於 {go_live} 啟用：在此之前只接受電話及 ATBS 預約。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Click a day to see its bookings by channel.</source>
        <translation>按一下日子，查看該日按途徑劃分的預約。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Go-live date: online booking starts.</source>
        <translation>啟用日期：由這日起接受網上預約。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Online and manual telephone (live)</source>
        <translation>網上及人手電話預約（已啟用）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manual telephone and ATBS (not live yet)</source>
        <translation>人手電話預約及 ATBS（尚未啟用）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Capacity: {capacity} seats</source>
        <translation>名額：{capacity} 個</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>online {online}, telephone {telephone}</source>
        <translation>網上 {online} 個，電話 {telephone} 個</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Booked: {booked} ({utilisation})</source>
        <translation>已預約：{booked} 個（{utilisation}）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Whole day</source>
        <translation>全日</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{what} closed: {reason} ({affected} booked to call)</source>
        <translation>{what} 停診：{reason}（須致電通知 {affected} 個預約）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Closures</source>
        <translation>停診</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../fc_admin/demo/seed.py" line="+333"/>
        <source>the database already holds rosters or applications; demo data goes into an empty database</source>
        <translation>資料庫已有名冊或申請；示範資料只可放入空白的資料庫</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/activations.py" line="+413"/>
        <location filename="../../fc_admin/services/actor.py" line="+30"/>
        <location filename="../../fc_admin/services/capacity.py" line="+559"/>
        <source>{user} ({role}) is not allowed to {permission}</source>
        <translation>{user}（{role}）無權{permission}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{setting} must be between 1 and 366 days</source>
        <translation>{setting} 必須介乎 1 至 366 天</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>{user} is sending activation details now; try again when that has finished (if it stopped, after {time})</source>
        <translation>{user} 正在發送啟動資料；請待完成後再試（如已停止，請於 {time} 後再試）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>somebody else started sending activation details; try again</source>
        <translation>其他人已開始發送啟動資料；請再試</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the activation address is not set (setting activation_url, or FC_ADMIN_ACTIVATION_URL): the activation details must name it</source>
        <translation>尚未設定啟動網址（設定 activation_url，或 FC_ADMIN_ACTIVATION_URL）：啟動資料必須列明該網址</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the sender address is not set (setting mail_from, or FC_ADMIN_MAIL_FROM)</source>
        <translation>尚未設定寄件人地址（設定 mail_from，或 FC_ADMIN_MAIL_FROM）</translation>
    </message>
    <message>
        <location line="+641"/>
        <source>account {account_id} is {status}: only an expired account or one not activated yet can be re-issued</source>
        <translation>帳戶 {account_id} 的狀態為 {status}：只有已過期或尚未啟動的帳戶可以重新發出</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>account {account_id}: the email address {to} cannot be used ({reason})</source>
        <translation>帳戶 {account_id}：電郵地址 {to} 無法使用（{reason}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>account {account_id} gets a printed letter: choose the file to write it to</source>
        <translation>帳戶 {account_id} 以列印信件發送：請選擇寫入信件的檔案</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>a suspension needs a reason</source>
        <translation>暫停帳戶須提供原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a reason is limited to {limit} characters</source>
        <translation>原因最多 {limit} 個字元</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>account {account_id} was changed meanwhile, reload</source>
        <translation>帳戶 {account_id} 已被他人更改，請重新載入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>account {account_id} is already suspended</source>
        <translation>帳戶 {account_id} 已被暫停</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>there is no account {account_id}</source>
        <translation>沒有帳戶 {account_id}</translation>
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
        <location filename="../../fc_admin/services/applications.py" line="+381"/>
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
    <message>
        <location filename="../../fc_admin/services/decisions.py" line="+151"/>
        <source>unknown decision {decision} (allowed: {allowed})</source>
        <translation>沒有決定 {decision}（可用：{allowed}）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the HKID number given is not valid: {reason}</source>
        <translation>所提供的身份證號碼無效：{reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a reason code goes with a rejection only; for {decision} write a note</source>
        <translation>原因代碼只適用於拒絕；{decision} 請填寫附註</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a rejection needs one of the reason codes {allowed}</source>
        <translation>拒絕須附以下其中一個原因代碼：{allowed}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a rejection for reason OTHER needs a note saying why</source>
        <translation>以「其他」(OTHER) 為原因拒絕時，須在附註說明原因</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+288"/>
        <source>there is no application form {form_id}</source>
        <translation>沒有申請表格 {form_id}</translation>
    </message>
    <message>
        <location line="-277"/>
        <source>form {form_id} has no member {hkid}</source>
        <translation>表格 {form_id} 沒有成員 {hkid}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{form_id} / {hkid} was already decided ({decision}) by {user} at {time}; only a supervisor can change it</source>
        <translation>{form_id} / {hkid} 已由 {user} 於 {time} 決定（{decision}）；只有主管可以更改</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>activation details were already issued for {form_id} / {hkid}; suspend the account instead of changing the decision</source>
        <translation>{form_id} / {hkid} 已獲發啟動資料；請暫停該帳戶，而不是更改決定</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{form_id} / {hkid} is {outcome}, not ELIGIBLE: approving it needs a supervisor</source>
        <translation>{form_id} / {hkid} 的核對結果為 {outcome}，不是 ELIGIBLE（合資格）：須由主管批准</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{form_id} / {hkid} is {outcome}, not ELIGIBLE: approving it needs a written justification</source>
        <translation>{form_id} / {hkid} 的核對結果為 {outcome}，不是 ELIGIBLE（合資格）：批准須附書面理由</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>{form_id} / {hkid} was changed by {user} at {time}, reload</source>
        <translation>{form_id} / {hkid} 已由 {user} 於 {time} 更改，請重新載入</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>unknown status {status} (allowed: {allowed})</source>
        <translation>沒有狀況 {status}（可用：{allowed}）</translation>
    </message>
    <message>
        <location line="+45"/>
        <location filename="../../fc_admin/services/statistics.py" line="+140"/>
        <source>unknown file kind {kind} (allowed: csv, xlsx)</source>
        <translation>不明的檔案類型 {kind}（可用：csv、xlsx）</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/daily_lists.py" line="+174"/>
        <source>unknown daily list format {kind} (pdf or csv)</source>
        <translation>不明的每日預約名單格式 {kind}（可用 pdf 或 csv）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>cannot write the daily list: {reason}</source>
        <translation>無法寫入每日預約名單：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../fc_admin/services/decisions.py" line="+10"/>
        <location filename="../../fc_admin/services/statistics.py" line="+12"/>
        <source>cannot write {file}: {reason}</source>
        <translation>無法寫入 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/decisions.py" line="+29"/>
        <source>unknown department {code} (known: {known})</source>
        <translation>沒有部門 {code}（現有部門：{known}）</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/intake.py" line="+199"/>
        <source>no such file or folder: {path}</source>
        <translation>沒有此檔案或資料夾：{path}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>no trusted keys folder: set it in Settings or pass --trusted-keys</source>
        <translation>未設定受信任金鑰資料夾：請在設定中指定，或使用 --trusted-keys</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the trusted keys folder {folder} does not exist or is not a folder</source>
        <translation>受信任金鑰資料夾 {folder} 不存在或不是資料夾</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>{user} keys in forms for clinic {own}, not for clinic {clinic}</source>
        <translation>{user} 負責輸入診所 {own} 的表格，不是診所 {clinic}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the form cannot have been received in the future ({received})</source>
        <translation>收件時間不可能在將來（{received}）</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>the form cannot be accepted: {reasons}</source>
        <translation>表格不獲接納：{reasons}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no form numbers are left for {prefix}</source>
        <translation>{prefix} 已沒有可用的表格編號</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>no quarantined e-form {id}</source>
        <translation>隔離區沒有電子表格 {id}</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/rosters.py" line="+135"/>
        <source>name the source of the roster</source>
        <translation>請指明名冊的來源</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>source code {code} is longer than {limit} characters</source>
        <translation>來源代號 {code} 超過 {limit} 個字元</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/verification.py" line="+602"/>
        <source>there is no application member {member_id}</source>
        <translation>沒有申請成員 {member_id}</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/mailer.py" line="+135"/>
        <source>no mail server is set up (setting smtp_host, or FC_ADMIN_SMTP_HOST)</source>
        <translation>尚未設定郵件伺服器（設定 smtp_host，或 FC_ADMIN_SMTP_HOST）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the mail server {server} refused the login of {user}: {reason}</source>
        <translation>郵件伺服器 {server} 拒絕 {user} 登入：{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the mail server {server} does not offer {feature}: {reason}</source>
        <translation>郵件伺服器 {server} 不支援 {feature}：{reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the mail server {server} cannot be used: {reason}</source>
        <translation>無法使用郵件伺服器 {server}：{reason}</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>the mail server {server} stopped answering ({reason}); the rest was not sent</source>
        <translation>郵件伺服器 {server} 停止回應（{reason}）；其餘郵件未有發送</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/appointments.py" line="+222"/>
        <source>the HKID is not valid: {reason}</source>
        <translation>香港身份證號碼無效：{reason}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the contact number {phone} is not a telephone number (8 to 15 digits)</source>
        <translation>聯絡電話 {phone} 不是有效的電話號碼（須為 8 至 15 位數字）</translation>
    </message>
    <message>
        <location line="+364"/>
        <source>{clinic} is not live on online booking yet (go-live: {go_live})</source>
        <translation>{clinic} 尚未啟用網上預約（啟用日期：{go_live}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ATBS no longer books {clinic}: it has been live on online booking since {go_live}</source>
        <translation>自動電話預約系統（ATBS）已不再接受 {clinic} 的預約：該診所自 {go_live} 起已啟用網上預約</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{day} is a general holiday ({name}): every clinic is closed</source>
        <translation>{day} 是公眾假期（{name}）：所有診所均停診</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{day} is in the past</source>
        <translation>{day} 已經過去，不能預約</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{clinic} has no sessions on {day} ({weekday})</source>
        <translation>{clinic} 在 {day}（{weekday}）沒有應診時段</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{clinic} is closed on {day}</source>
        <translation>{clinic} 於 {day} 停診</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{day} is outside the booking window: by {channel} today {clinic} books {dates}</source>
        <translation>{day} 不在可預約的日期範圍內：今天經 {channel} 可預約 {clinic} 的日期為 {dates}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{clinic} has no slot at {time} on {day} (sessions: {sessions})</source>
        <translation>{clinic} 於 {day} {time} 沒有預約時間（應診時段：{sessions}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+367"/>
        <source>the {session} session of {clinic} on {day} is closed</source>
        <translation>{clinic} 於 {day} 的 {session} 時段停診</translation>
    </message>
    <message>
        <location line="-360"/>
        <source>the {time} slot on {day} has already started or passed</source>
        <translation>{day} {time} 的預約時間已經開始或已過</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{hkid} is not on any department&apos;s roster: not a civil service eligible person (R1)</source>
        <translation>{hkid} 不在任何部門的名冊上：並非可使用公務員診所的合資格人士（R1）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{hkid} is not eligible on {day} according to the roster: {reasons}</source>
        <translation>根據名冊，{hkid} 於 {day} 不合資格：{reasons}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{hkid} already has an appointment on {day} ({ref}, {clinic} {time}): one a day</source>
        <translation>{hkid} 於 {day} 已有預約（{ref}，{clinic} {time}）：每人每日只可預約一次</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the {time} slot on {day} has no seats for {channel} bookings</source>
        <translation>{day} {time} 的預約時間沒有供 {channel} 預約的名額</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the {time} slot on {day} is full for {channel} bookings</source>
        <translation>{day} {time} 的預約時間供 {channel} 預約的名額已滿</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>there is no appointment {ref}</source>
        <translation>找不到預約編號為 {ref} 的預約</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{ref} is already at that time</source>
        <translation>預約 {ref} 已經是該時間</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>a cancellation needs a reason</source>
        <translation>取消預約須提供原因</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>{ref} is {status}, not booked: it cannot change</source>
        <translation>預約 {ref} 的狀況為 {status}，並非已預約（BOOKED）：不能更改</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{ref} is on {day}: attendance is recorded on or after the day</source>
        <translation>預約 {ref} 在 {day}：須於當日或之後才可記錄出席</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>{clinic} has no slot at {time} on {day}</source>
        <translation>{clinic} 於 {day} {time} 沒有預約時間</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/capacity.py" line="-375"/>
        <source>with that go-live date {count} slot(s) of {clinic} would hold more bookings than seats (R10.3): {slots}; cancel or move some first, or choose another date</source>
        <translation>採用該啟用日期後，{clinic} 有 {count} 個預約時間的預約數目會超過名額（R10.3）：{slots}；請先取消或更改部分預約，或選擇另一日期</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>the template is refused: {reasons}</source>
        <translation>範本不獲接納：{reasons}</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>the template would drop {count} booked appointment(s) whose time it no longer has: {refs}; cancel or move them first, or start the template later</source>
        <translation>範本會令 {count} 個已預約的預約失去其預約時間：{refs}；請先取消或更改這些預約，或將範本的生效日期延後</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the template would leave {count} slot(s) with more bookings than seats (R10.3): {slots}; cancel or move some first, or start the template later</source>
        <translation>範本會令 {count} 個預約時間的預約數目多於名額（R10.3）：{slots}；請先取消或更改部分預約，或將範本的生效日期延後</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>a closure needs a reason (typhoon, rainstorm, …)</source>
        <translation>停診須提供原因（颱風、暴雨等）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{clinic} has no session on {day}: there is nothing to close</source>
        <translation>{clinic} 於 {day} 沒有應診時段：無須停診</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{clinic} has no session {session} on {day} (it has: {known})</source>
        <translation>{clinic} 於 {day} 沒有 {session} 時段（現有時段：{known}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{clinic} is already closed then on {day}</source>
        <translation>{clinic} 於 {day} 的該段時間已經停診</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+51"/>
        <source>there is no closure {id}</source>
        <translation>沒有停診記錄 {id}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>unknown call list format {kind} (pdf or csv)</source>
        <translation>不明的致電名單格式 {kind}（只可以是 pdf 或 csv）</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>choose a period of 1 to {days} days, not {start} to {end}</source>
        <translation>請選擇 1 至 {days} 天的期間，而不是 {start} 至 {end}</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/schedules.py" line="+107"/>
        <source>{user} works for clinic {own}, not {clinic}</source>
        <translation>{user} 隸屬診所 {own}，不是診所 {clinic}</translation>
    </message>
    <message>
        <location filename="../../fc_admin/services/statistics.py" line="-76"/>
        <source>{month} is not a month (YYYY-MM)</source>
        <translation>{month} 不是有效的月份（YYYY-MM）</translation>
    </message>
</context>
</TS>
