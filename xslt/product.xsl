<?xml version="1.0" encoding="UTF-8"?>
<!-- Product: description, vendor, delivery mode, the spec × period price
     table and the buy form (立即购买). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="product/name"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="p" select="product"/>
    <nav class="crumbs">
      <a href="/"><xsl:value-of select="m:t('nav.home')"/></a> ›
      <a href="/categories/{$p/category/@slug}"><xsl:value-of select="$p/category"/></a> ›
      <xsl:value-of select="$p/name"/>
    </nav>
    <div class="product">
      <section class="product-main">
        <h1><xsl:value-of select="$p/name"/></h1>
        <p class="lead"><xsl:value-of select="$p/summary"/></p>
        <dl class="facts">
          <dt><xsl:value-of select="m:t('product.vendor')"/></dt>
          <dd><xsl:value-of select="$p/vendor"/></dd>
          <dt><xsl:value-of select="m:t('product.delivery')"/></dt>
          <dd>
            <span class="badge badge-{$p/@delivery}"><xsl:value-of select="m:t(concat('delivery.', $p/@delivery))"/></span>
            <span class="muted"><xsl:text> </xsl:text><xsl:value-of select="m:t(concat('delivery.', $p/@delivery, '.hint'))"/></span>
          </dd>
          <dt><xsl:value-of select="m:t('product.free_login')"/></dt>
          <dd>
            <xsl:choose>
              <xsl:when test="$p/@free-login = '1'"><xsl:value-of select="m:t('common.yes')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="m:t('common.no')"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </dl>
        <h2><xsl:value-of select="m:t('product.description')"/></h2>
        <div class="description">
          <xsl:for-each select="$p/description/p"><p><xsl:value-of select="."/></p></xsl:for-each>
        </div>
      </section>

      <section class="product-buy" id="buy">
        <h2><xsl:value-of select="m:t('product.prices')"/></h2>
        <div class="table-scroll">
          <table class="prices">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('product.spec')"/></th>
                <xsl:for-each select="$p/periods/period">
                  <th scope="col"><xsl:call-template name="period"><xsl:with-param name="months" select="@months"/></xsl:call-template></th>
                </xsl:for-each>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$p/specs/spec">
                <xsl:variable name="spec" select="."/>
                <tr>
                  <th scope="row">
                    <xsl:value-of select="name"/>
                    <xsl:if test="features/feature">
                      <ul class="features">
                        <xsl:for-each select="features/feature"><li><xsl:value-of select="."/></li></xsl:for-each>
                      </ul>
                    </xsl:if>
                  </th>
                  <xsl:for-each select="$p/periods/period">
                    <xsl:variable name="price" select="$spec/price[@months = current()/@months]"/>
                    <td>
                      <xsl:choose>
                        <xsl:when test="$price">
                          <xsl:call-template name="money"><xsl:with-param name="v" select="$price"/></xsl:call-template>
                        </xsl:when>
                        <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </xsl:for-each>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>

        <xsl:if test="$p/specs/spec">
          <form class="buy" action="/buy" method="post">
            <input type="hidden" name="product" value="{$p/@id}"/>
            <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
            <fieldset>
              <legend><xsl:value-of select="m:t('product.choose_spec')"/></legend>
              <xsl:for-each select="$p/specs/spec">
                <label class="choice">
                  <input type="radio" name="spec" value="{@id}" required="required">
                    <xsl:if test="position() = 1"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                  </input>
                  <xsl:value-of select="name"/>
                </label>
              </xsl:for-each>
            </fieldset>
            <label class="field">
              <span><xsl:value-of select="m:t('product.choose_period')"/></span>
              <select name="period" required="required">
                <xsl:for-each select="$p/periods/period">
                  <option value="{@months}">
                    <xsl:call-template name="period"><xsl:with-param name="months" select="@months"/></xsl:call-template>
                  </option>
                </xsl:for-each>
              </select>
            </label>
            <button type="submit" class="primary"><xsl:value-of select="m:t('product.buy')"/></button>
          </form>
        </xsl:if>
      </section>
    </div>
  </xsl:template>
</xsl:stylesheet>
