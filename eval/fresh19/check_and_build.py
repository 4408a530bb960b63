"""Builds eval/fresh19_questions.jsonl and checks it against eval/fresh19/docs/.

Run from eval/: python fresh19/check_and_build.py
Checks: every evidence text is an exact substring of its document, every answer string
occurs in one of its evidence texts, ids are unique, unanswerable items carry no answer/evidence.
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
DOCS = HERE / "docs"
OUT = HERE.parent / "fresh19_questions.jsonl"

SY, SZ, XW = "k019_suniteyouqi_2022_gwr.txt", "k019_sunitezuoqi_2021_gwr.txt", "k019_xiwuzhumuqinqi_2021_gwr.txt"
XLHT, KYQQ, XAM = "k019_xilinhaote_2021_gwr.txt", "k019_keyouqianqi_2023_gwr.txt", "k019_xinganmeng_2023_kjj.txt"
CF, SS, QS = "k019_chifeng_2024_gwr.txt", "k019_songshanqu_2022_gwr.txt", "k019_qingshanqu_2022_gwr.txt"
JY, HLBE = "k019_jiuyuanqu_2023_gwr.txt", "k019_hulunbeier_2021_gwr.txt"
NMG, NMGN = "k019_neimenggu_2023_gwr.txt", "k019_neimenggu_2022_news.txt"
BD23, BD22, BD21 = "k019_baoding_2023_news.txt", "k019_baoding_2022_gwr.txt", "k019_baoding_2021_news.txt"
ZZ, TC, MDJ = "k019_zhuozhou_2021_news.txt", "k019_tongchuan_2014_news.txt", "k019_mudanjiang_2014_news.txt"
DX, GS = "k019_dingxigaoxinqu_2022_news.txt", "k019_gansu_2020_news.txt"
JS, WLMQ = "k019_jianshanqu_2022_news.txt", "k019_wulumuqigaoxinqu_2012_news.txt"

# (question, answers, [(doc, text)], kind)
Q = [
    # number
    ("苏尼特右旗2022年地区生产总值完成多少", ["47.2亿元"], [(SY, "全年地区生产总值完成47.2亿元")], "number"),
    ("苏尼特右旗 2022 一般公共预算收入", ["2.05亿元"], [(SY, "一般公共预算收入完成2.05亿元")], "number"),
    ("2022年苏尼特右旗给小微企业投放了多少创业担保贷款?", ["1303万元"], [(SY, "投放普惠型小微企业创业担保贷款1303万元")], "number"),
    ("苏尼特左旗过去四年全社会固定资产投资累计完成多少(2022年政府工作报告)", ["117亿元"], [(SZ, "全社会固定资产投资累计完成117亿元")], "number"),
    ("苏尼特左旗2021年牧业年度牲畜存栏多少", ["125万头只"], [(SZ, "2021年牧业年度牲畜存栏125万头只")], "number"),
    ("西乌珠穆沁旗2021年GDP大约多少", ["160亿元"], [(XW, "提高至2021年的160亿元左右")], "number"),
    ("西乌旗 2021 牧民人均可支配收入", ["32668元"], [(XW, "牧民人均可支配收入从23662元提高至32668元")], "number"),
    ("锡林浩特2021年前三季度地区生产总值是多少", ["206.5亿元"], [(XLHT, "2021年前三季度,地区生产总值完成206.5亿元")], "number"),
    ("科右前旗2023年规模以上工业增加值增长了多少", ["112%"], [(KYQQ, "规模以上工业增加值增长112%")], "number"),
    ("科右前旗 2023年 一般公共预算支出", ["56亿元"], [(KYQQ, "一般公共预算支出完成56亿元")], "number"),
    ("兴安盟经济技术开发区2023年有多少家自治区级及以上科技创新平台和新型研发机构", ["26家"], [(XAM, "自治区级及以上科技创新平台和新型研发机构共26家")], "number"),
    ("赤峰2024年一般公共预算收入增长多少", ["11.6%"], [(CF, "一般公共预算收入增长11.6%")], "number"),
    ("赤峰市2024年新能源装机规模达到多少", ["1000万千瓦"], [(CF, "新能源装机规模突破1000万千瓦")], "number"),
    ("赤峰市松山区2022年地区生产总值", ["313亿元"], [(SS, "全年地区生产总值完成313亿元")], "number"),
    ("松山区2022年为市场主体减税降费多少", ["6.78亿元"], [(SS, "全年为各类市场主体减税降费6.78亿元")], "number"),
    ("包头青山区2022年固定资产投资增长多少", ["28%"], [(QS, "固定资产投资增长28%左右")], "number"),
    ("青山区 2022 单晶多晶产能", ["45gw"], [(QS, "单晶多晶、切片产能分别达到45gw、20gw")], "number"),
    ("九原区2023年地区生产总值完成多少", ["351.6亿元"], [(JY, "全年地区生产总值完成351.6亿元")], "number"),
    ("九原 2023年 签约项目协议总金额", ["1241.7亿元"], [(JY, "协议总金额1241.7亿元")], "number"),
    ("呼伦贝尔新能源装机突破了多少(2022年政府工作报告回顾)", ["140万千瓦"], [(HLBE, "新能源装机突破140万千瓦")], "number"),
    ("内蒙古2023年规上工业增加值增长多少", ["7.4%"], [(NMG, "规上工业增加值增长7.4%")], "number"),
    ("内蒙古自治区2023年煤炭产量", ["12.2亿吨"], [(NMG, "煤炭产量12.2亿吨")], "number"),
    ("内蒙古高新区2022年拥有高新技术企业多少家", ["493家"], [(NMGN, "拥有高新技术企业493家")], "number"),
    ("2023年新增三家之后内蒙古高新区总数是多少", ["13家"], [(NMGN, "全区高新区总数达13家")], "number"),
    ("保定2023年研发投入强度是多少", ["3.48%"], [(BD23, "科学研究与试验发展投入强度3.48%,超全国")], "number"),
    ("保定市2023年新增高新技术企业多少家", ["230家"], [(BD23, "保定新增高新技术企业230家")], "number"),
    ("保定2023年省市研发平台总数达到多少家", ["516家"], [(BD23, "新建省市研发平台78家,达到516家")], "number"),
    ("保定 2023 技术合同成交总额", ["378.3亿元"], [(BD23, "技术合同成交总额378.3亿元")], "number"),
    ("保定市2022年全市生产总值是多少", ["3880.3亿元"], [(BD22, "全市生产总值完成3880.3亿元")], "number"),
    ("保定2021年一般公共预算收入", ["312.5亿元"], [(BD21, "一般公共预算收入完成312.5亿元")], "number"),
    ("铜川2014年专利授权多少件", ["134件"], [(TC, "完成专利授权134件")], "number"),
    ("铜川市2014年技术合同成交金额", ["7034.24万元"], [(TC, "技术合同成交金额达到7034.24万元")], "number"),
    ("截至2014年底省科技厅与牡丹江厅市共商共立项支持了多少科技计划项目", ["77项"], [(MDJ, "科技计划项目77项")], "number"),
    ("定西高新区2022年有多少家国家高新技术企业", ["18家"], [(DX, "国家高新技术企业18家")], "number"),
    ("How many patent applications did Tongchuan record in 2014?", ["310件", "310"], [(TC, "全市专利申请量达到310件")], "number"),
    ("How many new technology-based SMEs did Baoding add in 2023?", ["2240家", "2240"], [(BD23, "科技型中小企业2240家")], "number"),
    ("What was Jiuyuan District's general public budget revenue in 2023?", ["16.4亿元", "16.4"], [(JY, "一般公共预算收入完成16.4亿元")], "number"),
    # name
    ("保定2023年入选了中国科协的什么称号", ["创新驱动示范市"], [(BD23, "入选中国科协“2023—2025年度创新驱动示范市”")], "name"),
    ("保定市获批全省首家的试点城市叫什么", ["科创中国"], [(BD21, "获批全省首家“科创中国”试点城市")], "name"),
    ("保定全省唯一的国家重大科技基础设施是哪个项目", ["中国农大模式动物表型与遗传研究项目"], [(BD21, "国家重大科技基础设施——中国农大模式动物表型与遗传研究项目")], "name"),
    ("涿州出台的支持科技创新的政策叫什么", ["涿州市支持科技创新若干政策措施"], [(ZZ, "《涿州市支持科技创新若干政策措施》")], "name"),
    ("兴安盟经济技术开发区在科右前旗的园区叫什么", ["科右前旗产业园"], [(XAM, "科右前旗产业园")], "name"),
    ("赤峰2024年获评国家级绿色工业园区的是哪个园区", ["红山产业园"], [(CF, "红山产业园获评国家级绿色工业园区")], "name"),
    ("乌鲁木齐高新区哪个产业集群被科技部确定为新疆唯一的重点创新型产业集群", ["电子新材料产业集群"], [(WLMQ, "电子新材料产业集群被科技部确定为新疆唯一的重点创新型产业集群")], "name"),
    ("庆阳市设立的省级高新区依托的是哪个工业集中区", ["庆城驿马工业集中区"], [(GS, "依托庆城驿马工业集中区设立甘肃省庆城高新技术产业开发区")], "name"),
    # cross-city
    ("哪些地方公布了技术合同成交额?", [], [(BD23, "技术合同成交总额378.3亿元"), (TC, "技术合同成交金额达到7034.24万元")], "cross-city"),
    ("各旗区城乡居民人均可支配收入分别是多少", [], [(SY, "城乡常住居民人均可支配收入分别完成44607元、16996元"), (KYQQ, "城乡常住居民人均可支配收入分别达36913元和17017元"), (JY, "城乡居民人均可支配收入分别完成61040元、30876元"), (SZ, "城乡常住居民人均可支配收入分别达到44900元和19800元")], "cross-city"),
    ("哪些地方报告了新能源或清洁能源装机规模", [], [(CF, "新能源装机规模突破1000万千瓦"), (HLBE, "新能源装机突破140万千瓦"), (KYQQ, "清洁能源总装机规模突破180万千瓦")], "cross-city"),
    ("哪些地方有开发区新获批省级(自治区级)高新技术产业开发区", [], [(XAM, "同意认定我盟经济技术开发区为自治区级高新技术产业开发区"), (NMGN, "认定为自治区级高新技术产业开发区"), (GS, "设立甘肃省庆城高新技术产业开发区")], "cross-city"),
    ("哪些地方给出了高新技术企业数量", [], [(BD23, "保定新增高新技术企业230家"), (DX, "国家高新技术企业18家"), (NMGN, "拥有高新技术企业493家")], "cross-city"),
    # unanswerable
    ("苏尼特右旗2022年新增高新技术企业多少家", [], [], "unanswerable"),
    ("涿州市2021年新增高新技术企业多少家", [], [], "unanswerable"),
    ("涿州2023年研发投入强度", [], [], "unanswerable"),
    ("兴安盟2023年一般公共预算收入是多少", [], [], "unanswerable"),
    ("赤峰市2022年地区生产总值是多少", [], [], "unanswerable"),
    ("松山区2024年一般公共预算收入增长多少", [], [], "unanswerable"),
    ("保定2024年新增高新技术企业多少家", [], [], "unanswerable"),
    ("铜川市2019年专利申请量是多少", [], [], "unanswerable"),
    ("运城市2022年高新技术企业有多少家", [], [], "unanswerable"),
    ("阿拉善盟 2022 研发投入强度", [], [], "unanswerable"),
    ("牡丹江市2014年高新技术企业数量", [], [], "unanswerable"),
    ("锡林浩特2021年全年地区生产总值是多少", [], [], "unanswerable"),
    ("乌鲁木齐市2012年地区生产总值", [], [], "unanswerable"),
]


def main():
    errors, rows = [], []
    for i, (q, ans, evs, kind) in enumerate(Q, 1):
        qid = f"c{i:02d}"
        for doc, text in evs:
            body = (DOCS / doc).read_text(encoding="utf-8")
            if text not in body:
                errors.append(f"{qid}: evidence not in {doc}: {text}")
        for a in ans:
            if not any(a in t for _, t in evs):
                errors.append(f"{qid}: answer {a} not in evidence")
        if kind == "unanswerable" and (ans or evs):
            errors.append(f"{qid}: unanswerable with answer/evidence")
        if kind in ("number", "name") and not (ans and evs):
            errors.append(f"{qid}: {kind} lacks answer or evidence")
        rows.append({"id": qid, "question": q, "answer": ans,
                     "evidence": [{"doc": d, "text": t} for d, t in evs], "kind": kind})
    if errors:
        sys.exit("\n".join(errors))
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    kinds = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print(f"ok: {len(rows)} questions {kinds}")


if __name__ == "__main__":
    main()
