#include "CatalogNames.h"

#include <cctype>

namespace tokenomics::data {

namespace {

std::string slug(const std::string& text) {
    std::string key;
    bool pendingDash = false;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte)) {
            if (pendingDash && !key.empty())
                key += '-';
            pendingDash = false;
            key += static_cast<char>(std::tolower(byte));
        } else {
            pendingDash = true;
        }
    }
    return key;
}

bool startsWith(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

std::string costBasisKey(const std::string& publishedName) {
    std::string key = slug(publishedName);
    // SemiAnalysis TCO segments: the key is the segment, not the life or financing detail.
    if (startsWith(key, "owner-hyperscaler"))
        return "hyperscaler";
    if (startsWith(key, "owner-neocloud"))
        return "neocloud";
    if (startsWith(key, "rental"))
        return "rental";
    if (startsWith(key, "on-demand-"))
        return "ondemand-" + key.substr(std::string("on-demand-").size());
    return key;
}

std::string seriesLabel(const SeriesKey& key) {
    std::string label = key.hardware;
    for (const std::string* part : {&key.engine, &key.precision}) {
        if (!part->empty())
            label += ' ' + *part;
    }
    if (!key.specDecoding.empty() && key.specDecoding != "none")
        label += ' ' + key.specDecoding;
    if (key.isl > 0 || key.osl > 0)
        label += ' ' + std::to_string(key.isl) + '/' + std::to_string(key.osl);
    if (!key.run.empty())
        label += ' ' + key.run;
    return label;
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& builtInAcceleratorAliases() {
    // Matching is case-insensitive, so "h100" also covers "H100".
    static const std::vector<std::pair<std::string, std::vector<std::string>>> aliases = {
        {"H100 SXM",
         {"h100", "h100-sxm", "h100_sxm", "h100 sxm5", "h100-sxm5", "H100 80GB HBM3",
          "NVIDIA H100 80GB HBM3", "NVIDIA H100"}},
        {"H200 SXM", {"h200", "h200-sxm", "h200_sxm", "H200 141GB HBM3e", "NVIDIA H200"}},
        {"B200", {"b200-sxm", "NVIDIA B200", "dgx-b200"}},
        {"GB200 (NVL72)", {"gb200", "gb200-nvl72", "gb200 nvl72", "NVIDIA GB200"}},
        {"B300", {"b300-sxm", "NVIDIA B300"}},
        {"GB300 (NVL72)", {"gb300", "gb300-nvl72", "gb300 nvl72", "NVIDIA GB300"}},
        {"MI300X", {"mi300", "AMD Instinct MI300X", "mi300x-oam"}},
        {"MI325X", {"AMD Instinct MI325X"}},
        {"MI355X", {"AMD Instinct MI355X"}},
        {"Gaudi 3", {"gaudi3", "hl-325l", "Intel Gaudi 3"}},
        {"TPU v5e", {"v5e", "tpu-v5e", "tpuv5e", "tpu v5 lite"}},
        {"TPU v6e", {"v6e", "tpu-v6e", "tpuv6e", "trillium"}},
    };
    return aliases;
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& builtInModelAliases() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> aliases = {
        {"Llama 3.3 70B",
         {"meta-llama/Llama-3.3-70B-Instruct", "Llama-3.3-70B-Instruct", "llama-3.3-70b",
          "llama3.3-70b", "llama3.3:70b"}},
        {"Llama 3.1 8B",
         {"meta-llama/Llama-3.1-8B-Instruct", "Llama-3.1-8B-Instruct", "llama-3.1-8b",
          "llama3.1-8b", "llama3.1:8b"}},
        {"gpt-oss-120b", {"openai/gpt-oss-120b", "gptoss-120b", "gpt-oss:120b"}},
        {"DeepSeek-R1-0528", {"deepseek-ai/DeepSeek-R1-0528", "dsr1-0528"}},
        {"DeepSeek-R1", {"deepseek-ai/DeepSeek-R1", "dsr1"}},
        {"Qwen3-8B", {"Qwen/Qwen3-8B", "qwen3:8b"}},
        {"Qwen3-32B", {"Qwen/Qwen3-32B", "qwen3:32b"}},
        {"GLM-5", {"zai-org/GLM-5", "glm5"}},
        {"MiniMax-M2.5", {"MiniMaxAI/MiniMax-M2.5", "minimax-m2.5", "minimaxm2.5"}},
        {"Kimi-K2.5", {"moonshotai/Kimi-K2.5", "kimik2.5"}},
        {"DeepSeek-V4-Pro", {"deepseek-ai/DeepSeek-V4-Pro", "dsv4pro", "dsv4-pro"}},
        {"Qwen3.5-397B-A17B", {"Qwen/Qwen3.5-397B-A17B", "qwen3.5-397b"}},
    };
    return aliases;
}

} // namespace tokenomics::data
