using System.Collections.Frozen;

namespace RectifyBot.Text;

/// <summary>
/// Traditional characters read as their simplified forms, one for one: staff with a traditional input method, or
/// writing from Hong Kong or Macao, type 申請銷號 for 申请销号. The characters a chat about the rectification uses
/// (its workflow words, units, people's surnames and everyday words); a character not listed is read as typed.
/// </summary>
public static class TraditionalChinese
{
    /// <summary>Each traditional character followed by its simplified form.</summary>
    private const string Pairs =
        "項项請请銷销號号證证據据經经傳传們们認认領领進进報报關关於于務务實实際际標标準准檢检個个為为這这會会議议紀纪錄录辦办確确應应該该題题門门區区電电話话點点問问過过時时間间還还沒没對对單单負负責责協协調调" +
        "組组織织黨党員员長长處处縣县鄉乡鎮镇財财計计劃划規规範范製制訂订學学習习貫贯徹彻總总結结審审遲迟後后幾几週周內内業业頭头導导詢询統统況况狀状態态歸归檔档臺台帳账匯汇彙汇覽览達达選选擇择條条屬属聯联繫系" +
        "係系絡络罰罚歲岁幫帮嗎吗麼么麽么說说謝谢讓让給给發发滿满與与並并從从現现將将開开啟启閉闭東东車车軍军農农醫医療疗養养險险義义緊紧張张執执權权歷历曆历遺遗專专資资產产廠厂礦矿環环設设備备維维護护衛卫氣气" +
        "災灾預预測测驗验毀毁補补齊齐書书記记讀读寫写親亲觀观體体質质職职稱称碼码數数庫库訊讯網网線线連连約约談谈讚赞贊赞獎奖懲惩違违潔洁敗败貪贪營营運运輸输濟济復复複复興兴舊旧無无鬆松級级層层監监愛爱園园圖图" +
        "館馆廳厅階阶億亿萬万錢钱貸贷費费購购買买賣卖價价額额餘余盤盘戶户銀银撥拨遞递郵邮樣样圍围擊击壓压縮缩減减輕轻擔担憂忧慮虑聽听聞闻響响驚惊陳陈強强偉伟趙赵劉刘楊杨黃黄吳吴孫孙鄭郑馮冯許许韓韩蔣蒋葉叶蕭萧" +
        "羅罗鄧邓譚谭盧卢蘇苏龍龙鳳凤麗丽華华國国機机構构團团隊队優优勢势邊边遠远裡里裏里動动場场礎础壞坏損损傷伤戰战鬥斗爭争論论識识誤误錯错須须則则擬拟編编輯辑簽签蓋盖釘钉紙纸頁页類类別别種种節节穩稳齡龄兒儿" +
        "婦妇殘残貧贫喪丧殯殡儀仪託托續续轉转貼贴覈核慶庆賀贺禮礼贈赠飲饮輛辆駕驾駛驶熱热雲云鑰钥鎖锁牆墙樓楼廈厦廣广燈灯溫温濕湿淨净廁厕盡尽儘尽雖虽誰谁唄呗煩烦曉晓講讲語语詞词腦脑樂乐歡欢悅悦奮奋懷怀慣惯練练" +
        "訓训勵励異异隱隐風风細细畫画變变換换幹干當当隻只適适鐘钟佈布錶表闆板鋪铺嚴严懶懒擱搁閱阅啓启囉啰謹谨懇恳績绩評评決决掛挂臨临攤摊販贩飯饭飽饱餓饿鍋锅爐炉燒烧煙烟鹽盐藥药診诊僅仅僱雇傭佣債债稅税賠赔償偿" +
        "賬账諮咨訪访終终極极積积繳缴納纳廢废棄弃辭辞遷迁紐纽帶带擴扩鞏巩樹树莊庄墳坟堅坚覺觉斷断繼继夠够獲获陸陆靈灵豐丰壽寿擺摆攜携鄰邻臉脸衝冲築筑礙碍劑剂藝艺術术鏈链顧顾鑑鉴鑒鉴謀谋訴诉訟讼墊垫撐撑傾倾擁拥" +
        "揮挥舉举攔拦掃扫搶抢懸悬貨货貿贸賴赖輪轮軟软載载較较輔辅轄辖邏逻針针鋼钢鍵键閃闪閒闲闊阔陽阳陰阴隨随雙双雜杂難难靜静頂顶順顺頓顿頻频顏颜願愿顯显飛飞騙骗驅驱髒脏鬧闹鮮鲜鳴鸣麥麦" +
        "綁绑來来緩缓虧亏糾纠紛纷戲戏賽赛壇坛獻献";

    private static readonly FrozenDictionary<char, char> Simplified =
        Enumerable.Range(0, Pairs.Length / 2).ToFrozenDictionary(i => Pairs[2 * i], i => Pairs[(2 * i) + 1]);

    public static char Simplify(char c) => c >= '\u4E00' && Simplified.TryGetValue(c, out var simplified) ? simplified : c;
}
